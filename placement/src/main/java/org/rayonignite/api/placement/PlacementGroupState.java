package org.rayonignite.api.placement;

/** The life of a placement group. */
public enum PlacementGroupState {
  /** Created, but its bundles are not all reserved yet. */
  PENDING,
  /** Every bundle is reserved on a node. */
  CREATED,
  /** Removed: its resources are released. */
  REMOVED,
  /** A node holding some of its bundles died; those bundles are being placed again. */
  RESCHEDULING
}
