package org.rayonignite.api.options;

/** How the scheduler picks a node for a task or actor. */
public enum SchedulingStrategy {
  /** Prefer the node holding most of the inputs, then the least loaded. */
  DEFAULT,
  /** Spread tasks over all nodes that fit, round robin. */
  SPREAD
}
