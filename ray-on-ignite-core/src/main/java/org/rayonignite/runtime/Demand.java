package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * Tasks or actors of one resource shape waiting for resources, as {@code ray-ignite status}
 * shows them: queued on a node until its resources free up, parked because no live node can
 * ever run them (infeasible), or waiting for their placement group. (A plain class: Ignite's
 * binary marshaller cannot build records.)
 */
final class Demand implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Why the work waits. */
  enum Kind {
    /** In a node's queue until its resources free up. */
    QUEUED,
    /** No live node has the resources (or labels, or the node) it needs. */
    INFEASIBLE,
    /** Its placement group is not placed yet. */
    PLACEMENT_GROUP
  }

  final Kind kind;
  final HashMap<String, Double> shape;
  /** What else narrows the nodes it may run on (labels, a node, a cache key), or null. */
  final String constraint;
  int count;

  Demand(Kind kind, Map<String, Double> shape, String constraint) {
    this.kind = kind;
    this.shape = new HashMap<>(shape);
    this.constraint = constraint;
  }

  /** The key that groups demands of the same kind and shape. */
  String key() {
    return kind + " " + new java.util.TreeMap<>(shape) + (constraint == null ? "" : " " + constraint);
  }
}
