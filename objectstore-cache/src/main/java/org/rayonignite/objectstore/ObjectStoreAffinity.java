package org.rayonignite.objectstore;

import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;

/**
 * The object store's affinity: partitions go to nodes as in {@link RendezvousAffinityFunction},
 * but a key's partition is written in the key itself, its low 8 bits. So the node that makes an
 * object picks one of its own partitions for it and locality is read off the key.
 */
public final class ObjectStoreAffinity extends RendezvousAffinityFunction {
  private static final long serialVersionUID = 1L;
  /** Partitions of the object store: enough to spread, few enough to rebalance fast. */
  public static final int PARTITIONS = 256;

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
}
