package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.Map;
import java.util.UUID;

/** A node's entry in the cluster's node registry: who it is and what it offers. */
final class NodeRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  final UUID nodeId;
  final String address;
  final Map<String, Double> resources;
  final Map<String, String> labels;
  /** Client nodes run no tasks and store no objects. */
  final boolean client;
  /** The node's last reported load. */
  final NodeLoad load;

  NodeRecord(UUID nodeId, String address, Map<String, Double> resources, Map<String, String> labels,
      boolean client, NodeLoad load) {
    this.nodeId = nodeId;
    this.address = address;
    this.resources = resources;
    this.labels = labels;
    this.client = client;
    this.load = load;
  }

  NodeRecord withLoad(NodeLoad newLoad) {
    return new NodeRecord(nodeId, address, resources, labels, client, newLoad);
  }

  /** Whether the node is the same but for its load. */
  boolean sameNode(NodeRecord other) {
    return other != null && nodeId.equals(other.nodeId) && resources.equals(other.resources)
        && labels.equals(other.labels) && client == other.client;
  }

  double cpus() {
    return resources.getOrDefault("CPU", 0.0);
  }

  @Override
  public String toString() {
    return "Node{" + nodeId + " " + address + " " + resources + (labels.isEmpty() ? "" : " " + labels)
        + (client ? " client" : "") + "}";
  }
}
