package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.placement.PlacementGroupState;
import org.rayonignite.api.placement.PlacementStrategy;

/**
 * A placement group's entry in the cluster's table: its bundles, strategy, state and the node
 * each bundle is reserved on. Immutable; a plain class for Ignite's binary marshaller.
 */
final class PlacementGroupRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  final PlacementGroupId id;
  final String name;
  final String namespace;
  final ArrayList<HashMap<String, Double>> bundles;
  final PlacementStrategy strategy;
  final PlacementGroupState state;
  /** The node of each bundle; null where a bundle is not placed. */
  final ArrayList<UUID> bundleNodes;
  /** The process that created it (and places it again when a bundle's node dies). */
  final UUID ownerId;
  /** The creator's job. */
  final int jobId;
  final boolean detached;
  /** Counts the changes: a node's view never goes back to an older record. */
  final long version;

  PlacementGroupRecord(PlacementGroupId id, String name, String namespace,
      List<Map<String, Double>> bundles, PlacementStrategy strategy, PlacementGroupState state,
      List<UUID> bundleNodes, UUID ownerId, int jobId, boolean detached) {
    this(id, name, namespace, bundles, strategy, state, bundleNodes, ownerId, jobId, detached, 0);
  }

  private PlacementGroupRecord(PlacementGroupId id, String name, String namespace,
      List<Map<String, Double>> bundles, PlacementStrategy strategy, PlacementGroupState state,
      List<UUID> bundleNodes, UUID ownerId, int jobId, boolean detached, long version) {
    this.version = version;
    this.jobId = jobId;
    this.id = id;
    this.name = name;
    this.namespace = namespace;
    this.bundles = new ArrayList<>();
    bundles.forEach(bundle -> this.bundles.add(new HashMap<>(bundle)));
    this.strategy = strategy;
    this.state = state;
    this.bundleNodes = new ArrayList<>(bundleNodes);
    this.ownerId = ownerId;
    this.detached = detached;
  }

  PlacementGroupRecord with(PlacementGroupState newState, List<UUID> nodes) {
    return new PlacementGroupRecord(id, name, namespace, new ArrayList<>(bundles), strategy, newState,
        nodes, ownerId, jobId, detached, version + 1);
  }

  List<Map<String, Double>> bundleList() {
    return new ArrayList<>(bundles);
  }

  boolean isRemoved() {
    return state == PlacementGroupState.REMOVED;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PlacementGroupRecord that && version == that.version && id.equals(that.id) && state == that.state
        && bundleNodes.equals(that.bundleNodes) && Objects.equals(name, that.name)
        && bundles.equals(that.bundles) && strategy == that.strategy
        && Objects.equals(ownerId, that.ownerId) && jobId == that.jobId && detached == that.detached;
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, state, bundleNodes);
  }

  @Override
  public String toString() {
    return "PlacementGroup{" + id + (name != null ? " " + namespace + "/" + name : "") + " " + strategy
        + " " + state + " bundles=" + bundles + " on " + bundleNodes + "}";
  }
}
