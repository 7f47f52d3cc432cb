package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupState;
import org.rayonignite.api.placement.PlacementStrategy;

/**
 * A placement group as applications hold it: its id and what was asked; its state is read from
 * the cluster's table. Serializable, so it can be passed to tasks and actors.
 */
final class PlacementGroupImpl implements PlacementGroup, Serializable {
  private static final long serialVersionUID = 1L;

  private final PlacementGroupId id;
  private final String name;
  private final List<Map<String, Double>> bundles;
  private final PlacementStrategy strategy;

  PlacementGroupImpl(PlacementGroupRecord record) {
    this.id = record.id;
    this.name = record.name;
    this.bundles = List.copyOf(record.bundleList().stream().map(Map::copyOf).toList());
    this.strategy = record.strategy;
  }

  private static NodeRuntime runtime() {
    NodeRuntime runtime = NodeRuntime.currentOrDefault();
    if (runtime == null) {
      throw new IllegalStateException("Ray is not initialized: call Ray.init() first");
    }
    return runtime;
  }

  @Override
  public PlacementGroupId getId() {
    return id;
  }

  @Override
  public String getName() {
    return name;
  }

  @Override
  public List<Map<String, Double>> getBundles() {
    return bundles;
  }

  @Override
  public PlacementStrategy getStrategy() {
    return strategy;
  }

  @Override
  public PlacementGroupState getState() {
    return runtime().placementGroups().state(id);
  }

  @Override
  public boolean wait(int timeoutSeconds) {
    return runtime().placementGroups().await(id, timeoutSeconds);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlacementGroup that && that.getId().equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "PlacementGroup(" + id + (name != null ? " " + name : "") + " " + strategy + " " + bundles + ")";
  }
}
