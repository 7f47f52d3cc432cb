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

  NodeRecord(UUID nodeId, String address, Map<String, Double> resources, Map<String, String> labels,
      boolean client) {
    this.nodeId = nodeId;
    this.address = address;
    this.resources = resources;
    this.labels = labels;
    this.client = client;
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
