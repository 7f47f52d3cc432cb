package org.rayonignite.objectstore;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.PartitionLossPolicy;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.affinity.AffinityTopologyVersion;
import org.apache.ignite.internal.processors.cache.GridCacheAffinityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The object store: an off-heap PARTITIONED Ignite cache of serialized objects.
 *
 * <p>Design: an object is written once, on the node that produced it, under a {@code long} key
 * that names one of that node's primary partitions in its low 8 bits ({@link ObjectStoreAffinity}):
 * a put is a local write, a get of a local object never leaves the JVM, and the node holding an
 * object is {@code mapPartitionToNode(partition)}: no object directory. A key is
 * {@code node order (20 bits) | sequence (36 bits) | partition (8 bits)}; node orders are unique
 * for the life of a cluster, so keys are too. Long keys take Ignite's fastest path (no binary
 * conversion). The local primary partitions are recomputed when the topology changes; objects
 * moved by rebalancing stay findable because lookups go through affinity, not a remembered node.
 */
public final class ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
  /** The cache's name. */
  public static final String CACHE_NAME = "ray-objects";

  private final Ignite ignite;
  /** The data region the cache lives in (null: Ignite's default one). */
  private final String dataRegion;
  /** The region's size in bytes; 0 if unknown. */
  private final long capacityBytes;
  /** Guards the data region against overfilling, or null if the region is not ours. */
  private final RegionRoom room;
  private final IgniteCache<Long, byte[]> cache;
  private final Affinity<Object> affinity;
  /** Ignite's internal affinity manager of the cache: tells which assignment is current. */
  private final GridCacheAffinityManager affinityVersion;
  /** This node's order in the topology, shifted into a key's top bits. */
  private final long keyPrefix;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger roundRobin = new AtomicInteger();
  private final LongAdder written = new LongAdder();
  private final LongAdder writtenBytes = new LongAdder();
  private final LongAdder removed = new LongAdder();
  private final LongAdder refused = new LongAdder();
  private volatile LocalPartitions localPartitions =
      new LocalPartitions(AffinityTopologyVersion.NONE, new int[0], new boolean[ObjectStoreAffinity.PARTITIONS]);

  /**
   * A store over the cache {@link #CACHE_NAME}, which must exist on {@code ignite}.
   *
   * @param dataRegion the cache's data region, for the room check of large puts, or null
   */
  public ObjectStore(Ignite ignite, String dataRegion) {
    this.ignite = ignite;
    this.dataRegion = dataRegion;
    long maxBytes = maxSize(ignite, dataRegion);
    this.capacityBytes = maxBytes;
    this.room = maxBytes > 0 ? new RegionRoom(ignite, dataRegion, maxBytes) : null;
    this.cache = ignite.cache(CACHE_NAME);
    if (cache == null) {
      throw new IllegalStateException("the object store cache " + CACHE_NAME + " does not exist");
    }
    this.affinity = ignite.affinity(CACHE_NAME);
    this.affinityVersion = ((IgniteEx) ignite).cachex(CACHE_NAME).context().affinity();
    this.keyPrefix = (ignite.cluster().localNode().order() & 0xFFFFFL) << 44;
  }

  /**
   * The object store's cache configuration.
   *
   * @param backups backup copies of each object on other nodes
   * @param dataRegion the off-heap data region to live in, or null for the default one
   */
  /** Local reads of objects this large use localPeek (see {@link #getLocal(long, int)}). */
  static final int PEEK_FROM_BYTES = 64 << 10;

  public static CacheConfiguration<Long, byte[]> cacheConfiguration(int backups, String dataRegion) {
    CacheConfiguration<Long, byte[]> cfg = new CacheConfiguration<>(CACHE_NAME);
    cfg.setCacheMode(CacheMode.PARTITIONED);
    cfg.setAtomicityMode(CacheAtomicityMode.ATOMIC);
    cfg.setBackups(backups);
    // With backups, a write returns once every copy has it: an object whose task finished
    // survives its node dying right after. Without, the primary's write is all there is.
    cfg.setWriteSynchronizationMode(backups > 0 ? CacheWriteSynchronizationMode.FULL_SYNC
        : CacheWriteSynchronizationMode.PRIMARY_SYNC);
    cfg.setAffinity(new ObjectStoreAffinity());
    cfg.setPartitionLossPolicy(PartitionLossPolicy.IGNORE);
    cfg.setStatisticsEnabled(false);
    cfg.setCopyOnRead(false);
    if (dataRegion != null) {
      cfg.setDataRegionName(dataRegion);
    }
    return cfg;
  }

  /**
   * A new key in a partition whose primary is this node, or, on a node that holds no partitions
   * (a client), in some server's partition.
   */
  public long newLocalKey() {
    int[] partitions = localPartitions().partitions;
    int partition = partitions.length > 0
        ? partitions[Math.floorMod(roundRobin.getAndIncrement(), partitions.length)]
        : Math.floorMod(roundRobin.getAndIncrement(), ObjectStoreAffinity.PARTITIONS);
    long next = sequence.incrementAndGet();
    if (next >= 1L << 36) {
      throw new ObjectStoreFullException("this node made 2^36 objects; restart it to make more");
    }
    return keyPrefix | next << 8 | partition;
  }

  private LocalPartitions localPartitions() {
    // The affinity version, not the discovery one: after a join, the discovery version moves
    // first and the new assignment is ready only when the exchange finishes.
    AffinityTopologyVersion version = affinityVersion.affinityTopologyVersion();
    LocalPartitions current = localPartitions;
    if (!version.equals(current.topologyVersion)) {
      ClusterNode local = ignite.cluster().localNode();
      boolean[] held = new boolean[ObjectStoreAffinity.PARTITIONS];
      int[] primaries = new int[0];
      if (!local.isClient()) {
        primaries = affinity.primaryPartitions(local);
        for (int partition : affinity.allPartitions(local)) {
          held[partition] = true;
        }
      }
      current = new LocalPartitions(version, primaries, held);
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
  public void put(long key, byte[] bytes) {
    if (room != null && !ignite.cluster().localNode().isClient()) {
      try {
        room.reserve(bytes.length, ignite.name());
      } catch (ObjectStoreFullException e) {
        refused.increment();
        throw e;
      }
    }
    cache.put(key, bytes);
    written.increment();
    writtenBytes.add(bytes.length);
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
  public byte[] getLocal(long key) {
    // A get of a local key is served here, and Ignite's get path is faster than localPeek.
    return localPartitions().held[ObjectStoreAffinity.partitionOf(key)] ? cache.get(key) : null;
  }

  /**
   * As {@link #getLocal(long)}, for bytes known to be {@code size} long. Ignite's get copies a
   * byte[] value once more after reading it out of off-heap memory; localPeek does not, which
   * outweighs its slower lookup from {@link #PEEK_FROM_BYTES} up.
   */
  public byte[] getLocal(long key, int size) {
    if (size < PEEK_FROM_BYTES) {
      return getLocal(key);
    }
    return localPartitions().held[ObjectStoreAffinity.partitionOf(key)]
        ? cache.localPeek(key, CachePeekMode.PRIMARY, CachePeekMode.BACKUP) : null;
  }

  /**
   * The bytes under {@code key}: a local peek when they are here, else one network fetch. The
   * future completes on {@code executor} (never on an Ignite thread) with null if the object is
   * gone.
   */
  public CompletableFuture<byte[]> getAsync(long key, Executor executor) {
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

  /** Whether this node holds {@code key} (primary or backup); never leaves the JVM, copies no bytes. */
  public boolean containsLocal(long key) {
    return localPartitions().held[ObjectStoreAffinity.partitionOf(key)] && cache.containsKey(key);
  }

  /**
   * Whether the store holds {@code key} (on whichever node), asked without moving the bytes; the
   * future completes on {@code executor}, exceptionally if the store cannot tell.
   */
  public CompletableFuture<Boolean> containsAsync(long key, Executor executor) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    try {
      cache.containsKeyAsync(key).listenAsync(f -> {
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
  public UUID primaryNode(long key) {
    ClusterNode node = affinity.mapPartitionToNode(ObjectStoreAffinity.partitionOf(key));
    return node == null ? null : node.id();
  }

  /** The node whose partition {@link #newLocalKey} keys of this node map to: this node, unless it is a client. */
  public boolean isLocal(long key) {
    return localPartitions().held[ObjectStoreAffinity.partitionOf(key)];
  }

  /** Removes objects (on whichever nodes hold them). */
  public void removeAll(Collection<Long> keys) {
    cache.removeAll(new java.util.HashSet<>(keys));
    removed.add(keys.size());
  }

  /** As {@link #removeAll}, without waiting for nodes that hold some of them; failures are logged. */
  public void removeAllAsync(Collection<Long> keys) {
    removed.add(keys.size());
    cache.removeAllAsync(new java.util.HashSet<>(keys)).listen(done -> {
      try {
        done.get();
      } catch (RuntimeException e) {
        LOG.debug("Could not remove {} freed objects: {}", keys.size(), e.toString());
      }
    });
  }

  /** How many objects this node holds as primary. */
  public int localObjectCount() {
    return cache.localSize(CachePeekMode.PRIMARY);
  }

  /** Objects this node wrote into the store since it started. */
  public long objectsWritten() {
    return written.sum();
  }

  /** Bytes of the objects this node wrote into the store since it started. */
  public long bytesWritten() {
    return writtenBytes.sum();
  }

  /** Objects this node removed from the store (on whichever node held them) since it started. */
  public long objectsRemoved() {
    return removed.sum();
  }

  /** Writes refused since this node started because its part of the store was full. */
  public long writesRefused() {
    return refused.sum();
  }

  /**
   * Bytes of this node's object store memory in use (Ignite's pages: objects and their
   * overhead); 0 if the data region has no metrics.
   */
  public long usedBytes() {
    org.apache.ignite.DataRegionMetrics metrics = ignite.dataRegionMetrics(
        dataRegion != null ? dataRegion : "default");
    return metrics == null ? 0 : metrics.getTotalUsedSize();
  }

  /** The size of this node's object store memory in bytes; 0 if unknown. */
  public long capacityBytes() {
    return capacityBytes;
  }

  /** Keys of the objects this node holds as primary (for listings). */
  public List<Long> localKeys() {
    List<Long> keys = new ArrayList<>();
    for (javax.cache.Cache.Entry<Long, byte[]> entry : cache.localEntries(CachePeekMode.PRIMARY)) {
      keys.add(entry.getKey());
    }
    return keys;
  }

  /** This node's partitions for one affinity topology version. */
  private static final class LocalPartitions {
    final AffinityTopologyVersion topologyVersion;
    /** Partitions whose primary copy is here: new keys go there. */
    final int[] partitions;
    /** Partitions with a copy (primary or backup) here, by number. */
    final boolean[] held;

    LocalPartitions(AffinityTopologyVersion topologyVersion, int[] partitions, boolean[] held) {
      this.topologyVersion = topologyVersion;
      this.partitions = partitions;
      this.held = held;
    }
  }
}
