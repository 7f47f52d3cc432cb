package org.rayonignite;

import java.util.List;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;

/**
 * Creates, finds and removes placement groups: atomic reservations of resource bundles on
 * cluster nodes. See {@link PlacementGroup}.
 */
public final class PlacementGroups {
  private PlacementGroups() {}

  /** Creates a group; returns at once with it PENDING while its bundles are placed. */
  public static PlacementGroup createPlacementGroup(PlacementGroupCreationOptions options) {
    Ray.runtime();
    throw notYet();
  }

  /** The group with this id, or null. */
  public static PlacementGroup getPlacementGroup(PlacementGroupId id) {
    Ray.runtime();
    throw notYet();
  }

  /** The group with this name in the job's namespace, or null. */
  public static PlacementGroup getPlacementGroup(String name) {
    Ray.runtime();
    throw notYet();
  }

  /** Every placement group of the cluster, removed ones included. */
  public static List<PlacementGroup> getAllPlacementGroups() {
    Ray.runtime();
    throw notYet();
  }

  /** Removes the group: releases its resources, kills its actors, cancels its tasks. */
  public static void removePlacementGroup(PlacementGroupId id) {
    Ray.runtime();
    throw notYet();
  }

  private static UnsupportedOperationException notYet() {
    return new UnsupportedOperationException("placement groups are not available yet in this "
        + "version of Ray on Ignite (tracked by the placement-groups issue)");
  }
}
