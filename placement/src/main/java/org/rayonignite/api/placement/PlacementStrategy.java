package org.rayonignite.api.placement;

/** How the bundles of a placement group are spread over nodes (Ray's semantics). */
public enum PlacementStrategy {
  /** As few nodes as possible; may use more when the bundles do not fit on one. */
  PACK,
  /** As many nodes as possible; bundles may share a node when there are too few nodes. */
  SPREAD,
  /** All bundles on one node, or the group waits until a node fits them all. */
  STRICT_PACK,
  /** Each bundle on a distinct node, or the group waits until enough nodes exist. */
  STRICT_SPREAD
}
