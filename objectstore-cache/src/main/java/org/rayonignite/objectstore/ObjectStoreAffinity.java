package org.rayonignite.objectstore;

import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.cache.affinity.AffinityFunctionContext;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cluster.ClusterNode;

/**
 * The object store's affinity. A key's partition is written in the key itself, its low 8 bits, so
 * the node that makes an object picks one of its own partitions for it and locality is read off
 * the key. And an object stays on the node that made it, as in Ray: it does not move when other
 * nodes join or leave.
 *
 * <p>Design: every node has {@value #HOMES} home partitions, a pure function of its topology
 * order ({@link #isHome}), and writes its objects only there ({@link ObjectStore#newLocalKey}).
 * A home partition's primary is its node for as long as it lives; two nodes whose homes overlap
 * leave the shared partition to the older one, which had it first. Every
 * other partition (homes of nodes that left, shared ones, and those no node has as a home) holds
 * no object of a live node, so it goes wherever rendezvous hashing says, and moving it moves
 * nothing. A joining node thus takes over only partitions no one writes to, where plain
 * rendezvous would hand it a share of everyone's objects, lost with it if it dies. Backups (when
 * configured) are rendezvous' choice among the other nodes.
 */
public final class ObjectStoreAffinity extends RendezvousAffinityFunction {
  private static final long serialVersionUID = 1L;
  /** Partitions of the object store: enough to spread, few enough to rebalance fast. */
  public static final int PARTITIONS = 256;
  /** Home partitions per node. */
  static final int HOMES = 8;

  /** The affinity Ignite instantiates on every node. */
  public ObjectStoreAffinity() {
    super(false, PARTITIONS);
  }

  @Override
  public int partition(Object key) {
    if (key instanceof Long) {
      return partitionOf((Long) key);
    }
    return super.partition(key);
  }

  /** The partition a store key names. */
  static int partitionOf(long key) {
    return (int) (key & (PARTITIONS - 1));
  }

  /** Whether {@code partition} is one of the home partitions of the node of topology order {@code order}. */
  static boolean isHome(int partition, long order) {
    for (int i = 0; i < HOMES; i++) {
      if (home(order, i) == partition) {
        return true;
      }
    }
    return false;
  }

  /** The {@code i}-th home partition of the node of topology order {@code order}. */
  static int home(long order, int i) {
    long x = order * HOMES + i;
    x = (x ^ (x >>> 33)) * 0xff51afd7ed558ccdL; // murmur3's finalizer: spreads consecutive orders
    x = (x ^ (x >>> 33)) * 0xc4ceb9fe1a85ec53L;
    return (int) ((x ^ (x >>> 33)) & (PARTITIONS - 1));
  }

  @Override
  public List<List<ClusterNode>> assignPartitions(AffinityFunctionContext ctx) {
    List<List<ClusterNode>> rendezvous = super.assignPartitions(ctx);
    List<ClusterNode> byOrder = new ArrayList<>(ctx.currentTopologySnapshot());
    byOrder.sort((a, b) -> Long.compare(a.order(), b.order()));
    List<List<ClusterNode>> assignment = new ArrayList<>(PARTITIONS);
    for (int partition = 0; partition < PARTITIONS; partition++) {
      ClusterNode primary = homeHolder(partition, byOrder);
      List<ClusterNode> spread = rendezvous.get(partition);
      if (primary == null || (!spread.isEmpty() && spread.get(0).id().equals(primary.id()))) {
        assignment.add(spread);
        continue;
      }
      List<ClusterNode> owners = new ArrayList<>(spread.size());
      owners.add(primary);
      for (ClusterNode node : spread) {
        if (owners.size() == spread.size()) {
          break;
        }
        if (!node.id().equals(primary.id())) {
          owners.add(node);
        }
      }
      assignment.add(owners);
    }
    return assignment;
  }

  /**
   * The oldest live node with {@code partition} as a home, or null. Oldest: of two nodes whose
   * homes overlap, the younger joined while the older held the partition, and leaves it to it.
   * So the holder never changes while it lives, and the assignment is a function of the topology
   * alone, the same on every node.
   */
  private static ClusterNode homeHolder(int partition, List<ClusterNode> byOrder) {
    for (ClusterNode node : byOrder) {
      if (isHome(partition, node.order())) {
        return node;
      }
    }
    return null;
  }
}
