package org.rayonignite;

import java.util.List;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;

/**
 * Creates, finds and removes placement groups: atomic reservations of resource bundles on
 * cluster nodes. See {@link PlacementGroup}.
 *
 * <pre>{@code
 * PlacementGroup pg = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
 *     .setBundles(List.of(Map.of("CPU", 1.0), Map.of("CPU", 1.0)))
 *     .setStrategy(PlacementStrategy.STRICT_SPREAD).build());
 * pg.wait(60);
 * }</pre>
 */
public final class PlacementGroups {
  private PlacementGroups() {}

  /** Creates a group; returns at once with it PENDING while its bundles are placed. */
  public static PlacementGroup createPlacementGroup(PlacementGroupCreationOptions options) {
    return Ray.runtime().createPlacementGroup(options);
  }

  /** The group with this id, or null. */
  public static PlacementGroup getPlacementGroup(PlacementGroupId id) {
    if (id == null) {
      throw new NullPointerException("id");
    }
    return Ray.runtime().getPlacementGroup(id);
  }

  /** The group with this name in the job's namespace, or null. */
  public static PlacementGroup getPlacementGroup(String name) {
    return getPlacementGroup(name, null);
  }

  /** The group with this name in {@code namespace} (null: the job's), or null. */
  public static PlacementGroup getPlacementGroup(String name, String namespace) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("placement group name must not be blank: \"" + name + "\"");
    }
    return Ray.runtime().getPlacementGroup(name, namespace);
  }

  /** Every placement group of the cluster, removed ones included. */
  public static List<PlacementGroup> getAllPlacementGroups() {
    return Ray.runtime().getAllPlacementGroups();
  }

  /**
   * Removes the group: releases its resources, kills its actors, cancels its tasks. Removing
   * twice is harmless.
   */
  public static void removePlacementGroup(PlacementGroupId id) {
    if (id == null) {
      throw new NullPointerException("id");
    }
    Ray.runtime().removePlacementGroup(id);
  }
}
