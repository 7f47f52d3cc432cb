package org.rayonignite.api;

import java.util.Map;
import java.util.Objects;

/** A cluster node as the runtime sees it: id, address, liveness, resources and labels. */
public final class NodeInfo {
  private final NodeId nodeId;
  private final String address;
  private final boolean alive;
  private final Map<String, Double> resources;
  private final Map<String, String> labels;
  private final Map<String, Double> availableResources;

  /** A node description (maps are not copied; pass immutable ones). */
  public NodeInfo(NodeId nodeId, String address, boolean alive, Map<String, Double> resources,
      Map<String, String> labels) {
    this(nodeId, address, alive, resources, labels, resources);
  }

  /** A node description with what is free on it now. */
  public NodeInfo(NodeId nodeId, String address, boolean alive, Map<String, Double> resources,
      Map<String, String> labels, Map<String, Double> availableResources) {
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.address = address;
    this.alive = alive;
    this.resources = resources;
    this.labels = labels;
    this.availableResources = availableResources;
  }

  /** The node's id (its Ignite node id). */
  public NodeId getNodeId() {
    return nodeId;
  }

  /** host:port of the node's discovery endpoint. */
  public String getAddress() {
    return address;
  }

  /** Whether the node is in the cluster now. */
  public boolean isAlive() {
    return alive;
  }

  /** The node's total resources, e.g. {@code {CPU=4.0, GPU=1.0}}. */
  public Map<String, Double> getResources() {
    return resources;
  }

  /**
   * The node's resources free now: exact for the calling node, as the node last reported for the
   * others (reports are at most a few tens of milliseconds old).
   */
  public Map<String, Double> getAvailableResources() {
    return availableResources;
  }

  /** The node's labels, e.g. {@code {zone=a}}. */
  public Map<String, String> getLabels() {
    return labels;
  }

  @Override
  public String toString() {
    return "NodeInfo{" + nodeId + " " + address + (alive ? " alive" : " dead") + " resources="
        + resources + " available=" + availableResources + " labels=" + labels + "}";
  }
}
