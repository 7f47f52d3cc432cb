package org.rayonignite.objectstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheKeyConfiguration;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.rayonignite.api.ObjectId;

/**
 * The object store: an off-heap PARTITIONED Ignite cache of serialized objects.
 *
 * <p>Design: an object is written once, on the node that produced it, under a key whose affinity
 * value maps to a partition whose primary copy is on that node ({@link #newLocalKey}). So a put is
 * a local write, a get of a local object is a local peek, and the node holding an object is
 * {@code mapPartitionToNode(partition(key))}: no object directory. The local primary partitions
 * are recomputed when the affinity topology changes; objects moved by rebalancing stay findable
 * because lookups go through affinity, not through a remembered node.
 */
public final class ObjectStore {
  /** The cache's name. */
  public static final String CACHE_NAME = "ray-objects";
  /** Partitions of the cache: enough to spread, few enough to rebalance fast. */
  static final int PARTITIONS = 256;

  private final Ignite ignite;
  /** Guards the data region against overfilling, or null if the region is not ours. */
  private final RegionRoom room;
  private final IgniteCache<ObjectKey, byte[]> cache;
  private final Affinity<Object> affinity;
  private final int[] affinityValueOfPartition;
  private final AtomicInteger roundRobin = new AtomicInteger();
  private volatile LocalPartitions localPartitions = new LocalPartitions(-1, new int[0]);

  /**
   * A store over the cache {@link #CACHE_NAME}, which must exist on {@code ignite}.
   *
   * @param dataRegion the cache's data region, for the room check of large puts, or null
   */
  public ObjectStore(Ignite ignite, String dataRegion) {
    this.ignite = ignite;
    long maxBytes = maxSize(ignite, dataRegion);
    this.room = maxBytes > 0 ? new RegionRoom(ignite, dataRegion, maxBytes) : null;
    this.cache = ignite.cache(CACHE_NAME);
    if (cache == null) {
      throw new IllegalStateException("the object store cache " + CACHE_NAME + " does not exist");
    }
    this.affinity = ignite.affinity(CACHE_NAME);
    this.affinityValueOfPartition = affinityValues(affinity);
  }

  /**
   * The object store's cache configuration.
   *
   * @param backups backup copies of each object on other nodes
   * @param dataRegion the off-heap data region to live in, or null for the default one
   */
  public static CacheConfiguration<ObjectKey, byte[]> cacheConfiguration(int backups, String dataRegion) {
    CacheConfiguration<ObjectKey, byte[]> cfg = new CacheConfiguration<>(CACHE_NAME);
    cfg.setCacheMode(CacheMode.PARTITIONED);
    cfg.setAtomicityMode(CacheAtomicityMode.ATOMIC);
    cfg.setBackups(backups);
    cfg.setWriteSynchronizationMode(CacheWriteSynchronizationMode.PRIMARY_SYNC);
    cfg.setAffinity(new RendezvousAffinityFunction(false, PARTITIONS));
    cfg.setKeyConfiguration(new CacheKeyConfiguration(ObjectKey.class.getName(), ObjectKey.AFFINITY_FIELD));
    cfg.setPartitionLossPolicy(PartitionLossPolicy.IGNORE);
    cfg.setStatisticsEnabled(false);
    cfg.setCopyOnRead(false);
    if (dataRegion != null) {
      cfg.setDataRegionName(dataRegion);
    }
    return cfg;
  }

  /** For each partition, an int whose affinity maps to it (found once, from the function itself). */
  private static int[] affinityValues(Affinity<Object> affinity) {
    int partitions = affinity.partitions();
    int[] values = new int[partitions];
    java.util.Arrays.fill(values, -1);
    int found = 0;
    for (int candidate = 0; found < partitions; candidate++) {
      int partition = affinity.partition(candidate);
      if (values[partition] < 0) {
        values[partition] = candidate;
        found++;
      }
    }
    return values;
  }

  /**
   * A key for object {@code id} in a partition whose primary is this node, or, on a node that
   * holds no partitions (a client), on some server node.
   */
  public ObjectKey newLocalKey(ObjectId id) {
    int[] partitions = localPartitions().partitions;
    int partition;
    if (partitions.length > 0) {
      partition = partitions[Math.floorMod(roundRobin.getAndIncrement(), partitions.length)];
    } else {
      partition = Math.floorMod(roundRobin.getAndIncrement(), affinityValueOfPartition.length);
    }
    return new ObjectKey(id, affinityValueOfPartition[partition]);
  }

  private LocalPartitions localPartitions() {
    long version = ignite.cluster().topologyVersion();
    LocalPartitions current = localPartitions;
    if (current.topologyVersion != version) {
      ClusterNode local = ignite.cluster().localNode();
      int[] primaries = local.isClient() ? new int[0] : affinity.primaryPartitions(local);
      current = new LocalPartitions(version, primaries);
      localPartitions = current;
    }
    return current;
  }

  /**
   * Stores {@code bytes} under {@code key}; a local write when the key came from
   * {@link #newLocalKey}.
   *
   * @throws ObjectStoreFullException if the value does not fit in this node's data region
   */
  public void put(ObjectKey key, byte[] bytes) {
    if (room != null && !ignite.cluster().localNode().isClient()) {
      room.reserve(bytes.length, ignite.name());
    }
    cache.put(key, bytes);
  }

  private static long maxSize(Ignite ignite, String dataRegion) {
    if (dataRegion == null || ignite.configuration().getDataStorageConfiguration() == null
        || ignite.configuration().getDataStorageConfiguration().getDataRegionConfigurations() == null) {
      return 0;
    }
    for (org.apache.ignite.configuration.DataRegionConfiguration region
        : ignite.configuration().getDataStorageConfiguration().getDataRegionConfigurations()) {
      if (region.getName().equals(dataRegion)) {
        return region.getMaxSize();
      }
    }
    return 0;
  }

  /** The bytes under {@code key} if this node holds them (primary or backup), else null. Never leaves the JVM. */
  public byte[] getLocal(ObjectKey key) {
    return cache.localPeek(key, CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
  }

  /**
   * The bytes under {@code key}: a local peek when they are here, else one network fetch. The
   * future completes on {@code executor} (never on an Ignite thread) with null if the object is
   * gone.
   */
  public CompletableFuture<byte[]> getAsync(ObjectKey key, Executor executor) {
    byte[] local = getLocal(key);
    if (local != null) {
      return CompletableFuture.completedFuture(local);
    }
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    try {
      cache.getAsync(key).listenAsync(f -> {
        try {
          result.complete(f.get());
        } catch (RuntimeException e) {
          result.completeExceptionally(e);
        }
      }, executor);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  /** The node holding the primary copy of {@code key} now, or null if no node does. */
  public UUID primaryNode(ObjectKey key) {
    ClusterNode node = affinity.mapKeyToNode(key);
    return node == null ? null : node.id();
  }

  /** The node whose partition {@link #newLocalKey} keys of this node map to: this node, unless it is a client. */
  public boolean isLocal(ObjectKey key) {
    ClusterNode node = affinity.mapKeyToNode(key);
    return node != null && node.isLocal();
  }

  /** Removes objects (on whichever nodes hold them). */
  public void removeAll(Collection<ObjectKey> keys) {
    cache.removeAll(new java.util.HashSet<>(keys));
  }

  /** How many objects this node holds as primary. */
  public int localObjectCount() {
    return cache.localSize(CachePeekMode.PRIMARY);
  }

  /** Keys of the objects this node holds as primary (for listings). */
  public List<ObjectKey> localKeys() {
    List<ObjectKey> keys = new ArrayList<>();
    for (javax.cache.Cache.Entry<ObjectKey, byte[]> entry : cache.localEntries(CachePeekMode.PRIMARY)) {
      keys.add(entry.getKey());
    }
    return keys;
  }

  private static final class LocalPartitions {
    final long topologyVersion;
    final int[] partitions;

    LocalPartitions(long topologyVersion, int[] partitions) {
      this.topologyVersion = topologyVersion;
      this.partitions = partitions;
    }
  }
}
