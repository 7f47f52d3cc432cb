package org.rayonignite.placement;

import java.util.Set;
import java.util.UUID;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgnitePredicate;

/**
 * The nodes a placement group's bundles are on, as an Ignite node filter: what work in the group
 * is scheduled through (and usable with Ignite's own APIs: {@code ignite.cluster().forPredicate}).
 */
public final class PlacementFilter implements IgnitePredicate<ClusterNode> {
  private static final long serialVersionUID = 1L;

  private final Set<UUID> nodes;

  /** A filter passing exactly {@code nodes}. */
  public PlacementFilter(Set<UUID> nodes) {
    this.nodes = Set.copyOf(nodes);
  }

  @Override
  public boolean apply(ClusterNode node) {
    return nodes.contains(node.id());
  }

  /** The node ids the filter passes. */
  public Set<UUID> nodes() {
    return nodes;
  }

  @Override
  public String toString() {
    return "PlacementFilter" + nodes;
  }
}
