package org.rayonignite.bench;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.rayonignite.config.NodeConfigurations;

/**
 * The raw side of the object benchmarks: a PARTITIONED Ignite cache of {@code byte[]} set up as
 * the object store is (atomic, no backups, primary-sync, copy-on-read off, in the object store's
 * data region), written under fresh keys whose primary copy is on this node, because that is
 * where {@code Ray.put} stores its objects. {@link #close()} empties it.
 */
final class RawObjectCache implements AutoCloseable {
  static final String NAME = "bench-raw-objects";
  private static final int PARTITIONS = 256;

  private final IgniteCache<Long, byte[]> cache;
  private final Affinity<Long> affinity;
  private final ClusterNode localNode;
  private long nextCandidate;

  RawObjectCache(Ignite ignite) {
    this.cache = ignite.getOrCreateCache(configuration(NAME));
    this.affinity = ignite.affinity(NAME);
    this.localNode = ignite.cluster().localNode();
  }

  /** A cache of {@code byte[]} named {@code name}, set up as the object store is. */
  static CacheConfiguration<Long, byte[]> configuration(String name) {
    CacheConfiguration<Long, byte[]> cfg = new CacheConfiguration<>(name);
    cfg.setCacheMode(CacheMode.PARTITIONED);
    cfg.setAtomicityMode(CacheAtomicityMode.ATOMIC);
    cfg.setBackups(0);
    cfg.setWriteSynchronizationMode(CacheWriteSynchronizationMode.PRIMARY_SYNC);
    cfg.setAffinity(new RendezvousAffinityFunction(false, PARTITIONS));
    cfg.setCopyOnRead(false);
    cfg.setStatisticsEnabled(false);
    cfg.setDataRegionName(NodeConfigurations.OBJECT_STORE_REGION);
    return cfg;
  }

  /** Stores {@code value} under a new key whose primary is this node; returns the key. */
  long put(byte[] value) {
    long key = nextLocalKey();
    cache.put(key, value);
    return key;
  }

  byte[] get(long key) {
    return cache.get(key);
  }

  void remove(long key) {
    cache.remove(key);
  }

  private long nextLocalKey() {
    long key;
    do {
      key = nextCandidate++;
    } while (!affinity.isPrimary(localNode, key));
    return key;
  }

  @Override
  public void close() {
    cache.clear();
  }
}
