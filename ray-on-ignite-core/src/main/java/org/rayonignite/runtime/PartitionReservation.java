package org.rayonignite.runtime;

import org.apache.ignite.Ignite;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.cache.GridCacheAdapter;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtLocalPartition;
import org.apache.ignite.internal.processors.cache.distributed.dht.topology.GridDhtPartitionState;

/**
 * Keeps a partition of an Ignite cache on this node while a task placed next to it runs: the
 * {@code affinityCall} guarantee that the task's data cannot move away under it. It is Ignite's
 * own partition reservation (what {@code affinityCall} uses internally): a reserved partition is
 * not evicted by rebalancing until released.
 */
final class PartitionReservation implements AutoCloseable {
  private final GridDhtLocalPartition partition;

  private PartitionReservation(GridDhtLocalPartition partition) {
    this.partition = partition;
  }

  /**
   * Reserves {@code partition} of {@code cacheName} if this node is its primary and owns it now;
   * null if not (the partition moved: the task must be placed again).
   */
  static PartitionReservation reserve(Ignite ignite, String cacheName, int partition) {
    ClusterNode primary = ignite.affinity(cacheName).mapPartitionToNode(partition);
    if (primary == null || !primary.isLocal()) {
      return null;
    }
    GridCacheAdapter<Object, Object> cache = ((IgniteEx) ignite).context().cache().internalCache(cacheName);
    if (cache == null) {
      return null;
    }
    GridDhtLocalPartition local = cache.context().topology().localPartition(partition);
    if (local == null || !local.reserve()) {
      return null;
    }
    if (local.state() != GridDhtPartitionState.OWNING) {
      local.release();
      return null;
    }
    return new PartitionReservation(local);
  }

  @Override
  public void close() {
    partition.release();
  }
}
