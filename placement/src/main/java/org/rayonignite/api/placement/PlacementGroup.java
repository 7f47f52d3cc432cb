package org.rayonignite.api.placement;

import java.util.List;
import java.util.Map;
import org.rayonignite.api.PlacementGroupId;

/**
 * A set of resource bundles reserved atomically on cluster nodes.
 *
 * <pre>{@code
 * PlacementGroup pg = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
 *     .setBundles(List.of(Map.of("CPU", 1.0), Map.of("CPU", 1.0)))
 *     .setStrategy(PlacementStrategy.SPREAD).build());
 * pg.wait(60);
 * Ray.task(MyApp::work).setPlacementGroup(pg, 0).remote();
 * }</pre>
 */
public interface PlacementGroup {
  /** The group's id. */
  PlacementGroupId getId();

  /** The group's name, or null if it has none. */
  String getName();

  /** The bundles as requested: one resource map per bundle, in index order. */
  List<Map<String, Double>> getBundles();

  /** The placement strategy. */
  PlacementStrategy getStrategy();

  /** The current state, read from cluster metadata. */
  PlacementGroupState getState();

  /**
   * Waits until the group is {@link PlacementGroupState#CREATED}.
   *
   * @param timeoutSeconds how long to wait at most
   * @return true if the group is created, false if the timeout passed first
   * @throws org.rayonignite.api.exception.RayException if the group was removed
   */
  boolean wait(int timeoutSeconds);
}
