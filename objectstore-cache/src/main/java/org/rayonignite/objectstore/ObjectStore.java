package org.rayonignite.objectstore;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
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
import org.apache.ignite.lang.IgniteFuture;
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
 * that names one of that node's home partitions in its low 8 bits ({@link ObjectStoreAffinity}):
 * a put is a local write, a get of a local object never leaves the JVM, and the node holding an
 * object is {@code mapPartitionToNode(partition)}: no object directory. A node keeps its home
 * partitions while it lives, so its objects stay on it when other nodes join or leave (as in Ray).
 * A key is {@code node order (20 bits) | descriptor (1 bit) | sequence (35 bits) | partition (8
 * bits)}; node orders are unique for the life of a cluster, so keys are too. Long keys take
 * Ignite's fastest path (no binary conversion). The local partitions are recomputed when the
 * topology changes; backup copies promoted when a node dies stay findable because lookups go
 * through affinity, not a remembered node.
 *
 * <p>Most objects are one cache value. {@link #put} sets the key's descriptor bit (and returns
 * that key) for the two others, whose value is then a small {@link Descriptor}: an object over
 * {@value #CHUNKED_FROM} bytes goes in chunks of {@value #CHUNK_SIZE} bytes into a second cache,
 * {@link #CHUNK_CACHE_NAME}, under keys in the object's partition (so they stay on its node and
 * move with it), written by several threads at once and read {@value #FETCH_WINDOW} at a time into one array;
 * and an object that does not fit in this node's memory is spilled to a file of this node
 * ({@link SpillFiles}), which other nodes read through a compute job ({@link SpillJobs}). So a
 * reader and a remover know from the key alone whether there is more to do than one cache call,
 * and small objects cost what they did.
 */
public final class ObjectStore {
  private static final Logger LOG = LoggerFactory.getLogger(ObjectStore.class);
  /** The cache's name. */
  public static final String CACHE_NAME = "ray-objects";
  /** The cache of the chunks of large objects; set up as {@link #CACHE_NAME}. */
  public static final String CHUNK_CACHE_NAME = "ray-object-chunks";
  /** Set in the key of an object whose value is a {@link Descriptor}. */
  static final long DESCRIPTOR_BIT = 1L << 43;
  /** Objects this large and larger are stored in chunks. */
  public static final int CHUNKED_FROM = (8 << 20) + 1;
  /** Bytes per chunk. */
  static final int CHUNK_SIZE = 4 << 20;
  /** Chunks read at once by one reader. */
  static final int FETCH_WINDOW = 4;

  private final Ignite ignite;
  /** The data region the cache lives in (null: Ignite's default one). */
  private final String dataRegion;
  /** The region's size in bytes; 0 if unknown. */
  private final long capacityBytes;
  /** Guards the data region against overfilling, or null if the region is not ours. */
  private final RegionRoom room;
  private final IgniteCache<Long, byte[]> cache;
  private final IgniteCache<Long, byte[]> chunks;
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
  private final SpillFiles spills;
  private final ChunkWriters chunkWriters;
  /** Runs the continuations of reads and removals: never an Ignite thread. */
  private final Executor executor;
  private volatile LocalPartitions localPartitions =
      new LocalPartitions(AffinityTopologyVersion.NONE, new int[0], new boolean[ObjectStoreAffinity.PARTITIONS]);

  /**
   * A store over the cache {@link #CACHE_NAME}, which must exist on {@code ignite}; makes the
   * chunk cache alike if the cluster lacks it.
   *
   * @param dataRegion the cache's data region, for the room check of large puts, or null
   * @param executor runs the continuations of reads and removals (an Ignite thread never does)
   */
  public ObjectStore(Ignite ignite, String dataRegion, Executor executor) {
    this.ignite = ignite;
    this.dataRegion = dataRegion;
    this.executor = command -> {
      try {
        executor.execute(command);
      } catch (RejectedExecutionException e) {
        LOG.debug("The object store's executor is shut down: {}", e.toString());
      }
    };
    long maxBytes = maxSize(ignite, dataRegion);
    this.capacityBytes = maxBytes;
    this.room = maxBytes > 0 ? new RegionRoom(ignite, dataRegion, maxBytes) : null;
    this.cache = ignite.cache(CACHE_NAME);
    if (cache == null) {
      throw new IllegalStateException("the object store cache " + CACHE_NAME + " does not exist");
    }
    this.chunks = chunkCache(ignite, cache);
    this.affinity = ignite.affinity(CACHE_NAME);
    this.affinityVersion = ((IgniteEx) ignite).cachex(CACHE_NAME).context().affinity();
    this.keyPrefix = (ignite.cluster().localNode().order() & 0xFFFFFL) << 44;
    this.spills = SpillFiles.inTempDirectory(ignite.cluster().localNode().id().toString());
    SpillJobs.register(ignite, spills);
    this.chunkWriters = ChunkWriters.forThisMachine(
        "ray-chunk-writer-" + ignite.cluster().localNode().id().toString().substring(0, 8));
  }

  private static IgniteCache<Long, byte[]> chunkCache(Ignite ignite, IgniteCache<Long, byte[]> objects) {
    IgniteCache<Long, byte[]> chunks = ignite.cache(CHUNK_CACHE_NAME);
    if (chunks != null) {
      return chunks;
    }
    @SuppressWarnings("unchecked")
    CacheConfiguration<Long, byte[]> cfg = new CacheConfiguration<Long, byte[]>(
        objects.getConfiguration(CacheConfiguration.class));
    cfg.setName(CHUNK_CACHE_NAME);
    return ignite.getOrCreateCache(cfg);
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

  /** The chunk cache's configuration: as {@link #cacheConfiguration}'s, under its own name. */
  public static CacheConfiguration<Long, byte[]> chunkCacheConfiguration(int backups, String dataRegion) {
    return cacheConfiguration(backups, dataRegion).setName(CHUNK_CACHE_NAME);
  }

  /**
   * A new key in one of this node's home partitions ({@link ObjectStoreAffinity}), where its
   * object stays for as long as this node lives; on a node that has none (a client, or a server
   * whose homes other nodes had first), in another live node's home partition.
   */
  public long newLocalKey() {
    int[] partitions = localPartitions().partitions;
    int partition = partitions[Math.floorMod(roundRobin.getAndIncrement(), partitions.length)];
    return keyPrefix | nextSequences(1) << 8 | partition;
  }

  /** The first of {@code count} new sequence numbers. */
  private long nextSequences(int count) {
    long last = sequence.addAndGet(count);
    if (last >= DESCRIPTOR_BIT >>> 8) {
      throw new ObjectStoreFullException("this node made 2^35 objects and chunks; restart it to make more");
    }
    return last - count + 1;
  }

  private LocalPartitions localPartitions() {
    // The affinity version, not the discovery one: after a join, the discovery version moves
    // first and the new assignment is ready only when the exchange finishes.
    AffinityTopologyVersion version = affinityVersion.affinityTopologyVersion();
    LocalPartitions current = localPartitions;
    if (!version.equals(current.topologyVersion)) {
      ClusterNode local = ignite.cluster().localNode();
      boolean[] held = new boolean[ObjectStoreAffinity.PARTITIONS];
      int[] homes = new int[0];
      if (!local.isClient()) {
        homes = java.util.Arrays.stream(affinity.primaryPartitions(local))
            .filter(partition -> ObjectStoreAffinity.isHome(partition, local.order())).toArray();
        for (int partition : affinity.allPartitions(local)) {
          held[partition] = true;
        }
      }
      if (homes.length == 0) {
        homes = othersHomes();
      }
      current = new LocalPartitions(version, homes, held);
      localPartitions = current;
    }
    return current;
  }

  /** Partitions whose primary node has them as a home: objects written there stay put. */
  private int[] othersHomes() {
    List<Integer> homes = new ArrayList<>();
    for (int partition = 0; partition < ObjectStoreAffinity.PARTITIONS; partition++) {
      ClusterNode primary = affinity.mapPartitionToNode(partition);
      if (primary != null && ObjectStoreAffinity.isHome(partition, primary.order())) {
        homes.add(partition);
      }
    }
    if (homes.isEmpty()) {
      homes.add(0); // no server at all: the write fails and says so
    }
    return homes.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * Stores {@code bytes} under {@code key} (a local write when the key came from
   * {@link #newLocalKey}), in chunks if large, or in a file of this node if this node's memory is
   * full. Returns the key the object is stored under: {@code key}, or for chunks and files
   * {@code key} with its descriptor bit set; read and remove the object by that key.
   *
   * @throws ObjectStoreFullException if the value does not fit, even on disk, or is larger than
   *     this node's whole object store
   */
  public long put(long key, byte[] bytes) {
    if (room != null && !ignite.cluster().localNode().isClient()) {
      if (!room.couldEverFit(bytes.length)) {
        refused.increment();
        throw new ObjectStoreFullException("an object of " + bytes.length + " bytes is larger "
            + "than the object store of node " + ignite.name() + " (" + room.limit()
            + " usable bytes of " + capacityBytes + ")");
      }
      try {
        room.reserve(bytes.length, ignite.name());
      } catch (ObjectStoreFullException full) {
        return spill(key | DESCRIPTOR_BIT, bytes, full);
      }
    }
    long stored = key;
    if (bytes.length >= CHUNKED_FROM) {
      stored = key | DESCRIPTOR_BIT;
      putChunks(stored, bytes);
    } else {
      cache.put(key, bytes);
    }
    written.increment();
    writtenBytes.add(bytes.length);
    return stored;
  }

  /** Writes {@code bytes} in chunks, then the descriptor under {@code key}. */
  private void putChunks(long key, byte[] bytes) {
    int count = (bytes.length + CHUNK_SIZE - 1) / CHUNK_SIZE;
    long firstChunkKey = (keyPrefix | nextSequences(count) << 8) | ObjectStoreAffinity.partitionOf(key);
    Descriptor.Chunked descriptor = new Descriptor.Chunked(bytes.length, CHUNK_SIZE, firstChunkKey);
    try {
      chunkWriters.writeAll(count, index -> {
        int from = index * CHUNK_SIZE;
        chunks.put(descriptor.chunkKey(index), Arrays.copyOfRange(bytes, from, from + descriptor.chunkLength(index)));
      });
      cache.put(key, descriptor.encode());
    } catch (RuntimeException e) {
      Set<Long> written = new HashSet<>();
      for (int i = 0; i < count; i++) {
        written.add(descriptor.chunkKey(i)); // removing one never written is a no-op
      }
      chunks.removeAllAsync(written);
      throw e;
    }
  }

  /** Writes {@code bytes} to a file of this node and a record of it under {@code key}. */
  private long spill(long key, byte[] bytes, ObjectStoreFullException full) {
    byte[] record = new Descriptor.Spilled(bytes.length, ignite.cluster().localNode().id()).encode();
    try {
      room.reserveRecord(record.length, ignite.name());
      spills.write(key, bytes);
    } catch (ObjectStoreFullException e) {
      refused.increment();
      throw new ObjectStoreFullException(full.getMessage() + "; and it cannot be spilled: "
          + e.getMessage());
    }
    try {
      cache.put(key, record);
    } catch (RuntimeException e) {
      spills.delete(key);
      throw e;
    }
    LOG.debug("Spilled an object of {} bytes to {}", bytes.length, spills.directory());
    return key;
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
    if (!localPartitions().held[ObjectStoreAffinity.partitionOf(key)]) {
      return null;
    }
    // A get of a local key is served here, and Ignite's get path is faster than localPeek.
    return (key & DESCRIPTOR_BIT) == 0 ? cache.get(key) : readLocal(key);
  }

  /**
   * As {@link #getLocal(long)}, for bytes known to be {@code size} long. Ignite's get copies a
   * byte[] value once more after reading it out of off-heap memory; localPeek does not, which
   * outweighs its slower lookup from {@link #PEEK_FROM_BYTES} up.
   */
  public byte[] getLocal(long key, int size) {
    if (size < PEEK_FROM_BYTES || (key & DESCRIPTOR_BIT) != 0) {
      return getLocal(key);
    }
    return localPartitions().held[ObjectStoreAffinity.partitionOf(key)]
        ? cache.localPeek(key, CachePeekMode.PRIMARY, CachePeekMode.BACKUP) : null;
  }

  /** An object stored as a descriptor, read from this node's memory or files; null if elsewhere. */
  private byte[] readLocal(long key) {
    byte[] record = cache.localPeek(key, CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
    if (record == null) {
      return null;
    }
    Descriptor descriptor = Descriptor.decode(record);
    if (descriptor instanceof Descriptor.Spilled spilled) {
      return spilled.node().equals(ignite.cluster().localNode().id())
          ? spills.read(key, 0, (int) spilled.size()) : null;
    }
    Descriptor.Chunked chunked = (Descriptor.Chunked) descriptor;
    byte[] result = new byte[(int) chunked.size()];
    for (int index = 0; index < chunked.count(); index++) {
      byte[] chunk = chunks.localPeek(chunked.chunkKey(index), CachePeekMode.PRIMARY, CachePeekMode.BACKUP);
      if (chunk == null) {
        return null; // moving with its partition, or freed: the network read finds out which
      }
      System.arraycopy(chunk, 0, result, index * chunked.chunkSize(), chunk.length);
    }
    return result;
  }

  /**
   * The bytes under {@code key}: a local peek when they are here, else one network fetch (for a
   * chunked or spilled object, a few at a time). The future completes on the store's executor
   * (never on an Ignite thread) with null if the object is gone.
   */
  public CompletableFuture<byte[]> getAsync(long key) {
    return getAsync(key, executor);
  }

  /** As {@link #getAsync(long)}, completing on {@code executor}. */
  public CompletableFuture<byte[]> getAsync(long key, Executor executor) {
    byte[] local = getLocal(key);
    if (local != null) {
      return CompletableFuture.completedFuture(local);
    }
    CompletableFuture<byte[]> value = completedOn(cache.getAsync(key), executor);
    if ((key & DESCRIPTOR_BIT) == 0) {
      return value;
    }
    return value.thenCompose(record -> record == null ? CompletableFuture.completedFuture(null)
        : readRemote(key, Descriptor.decode(record), executor));
  }

  private CompletableFuture<byte[]> readRemote(long key, Descriptor descriptor, Executor executor) {
    if (descriptor instanceof Descriptor.Chunked chunked) {
      return ChunkedRead.start((int) chunked.size(), chunked.chunkSize(), FETCH_WINDOW,
          index -> completedOn(chunks.getAsync(chunked.chunkKey(index)), executor));
    }
    UUID node = ((Descriptor.Spilled) descriptor).node();
    ClusterNode holder = ignite.cluster().node(node);
    if (holder == null) {
      return CompletableFuture.completedFuture(null); // the node with the file left
    }
    return ChunkedRead.start((int) descriptor.size(), CHUNK_SIZE, FETCH_WINDOW, index -> {
      long position = (long) index * CHUNK_SIZE;
      int length = (int) Math.min(CHUNK_SIZE, descriptor.size() - position);
      return completedOn(ignite.compute(ignite.cluster().forNode(holder))
          .callAsync(new SpillJobs.Read(key, position, length)), executor);
    });
  }

  /** {@code future}'s outcome, delivered on {@code executor}. */
  private static <V> CompletableFuture<V> completedOn(IgniteFuture<V> future, Executor executor) {
    CompletableFuture<V> result = new CompletableFuture<>();
    try {
      future.listenAsync(f -> {
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
    try {
      return completedOn(cache.containsKeyAsync(key), executor);
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
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

  /** Removes objects (on whichever nodes hold them), their chunks and files too. */
  public void removeAll(Collection<Long> keys) {
    Set<Long> plain = new HashSet<>();
    Set<Long> described = new HashSet<>();
    split(keys, plain, described);
    if (!plain.isEmpty()) {
      cache.removeAll(plain);
    }
    if (!described.isEmpty()) {
      removeDescribed(described);
    }
    removed.add(keys.size());
  }

  /** As {@link #removeAll}, without waiting for nodes that hold some of them; failures are logged. */
  public void removeAllAsync(Collection<Long> keys) {
    removed.add(keys.size());
    Set<Long> plain = new HashSet<>();
    Set<Long> described = new HashSet<>();
    split(keys, plain, described);
    if (!plain.isEmpty()) {
      cache.removeAllAsync(plain).listen(done -> {
        try {
          done.get();
        } catch (RuntimeException e) {
          LOG.debug("Could not remove {} freed objects: {}", plain.size(), e.toString());
        }
      });
    }
    if (!described.isEmpty()) {
      completedOn(cache.getAllAsync(described), executor).whenComplete((records, error) -> {
        if (error != null) {
          LOG.debug("Could not read the records of {} freed objects: {}", described.size(), error.toString());
          return;
        }
        try {
          removeDescribed(described, records);
        } catch (RuntimeException e) {
          LOG.debug("Could not remove {} freed objects: {}", described.size(), e.toString());
        }
      });
    }
  }

  private static void split(Collection<Long> keys, Set<Long> plain, Set<Long> described) {
    for (long key : keys) {
      ((key & DESCRIPTOR_BIT) == 0 ? plain : described).add(key);
    }
  }

  private void removeDescribed(Set<Long> keys) {
    removeDescribed(keys, cache.getAll(keys));
  }

  /** Removes the chunks, files and records of objects stored as descriptors; returns at once. */
  private void removeDescribed(Set<Long> keys, Map<Long, byte[]> records) {
    Set<Long> chunkKeys = new HashSet<>();
    Map<UUID, List<Long>> filesByNode = new HashMap<>();
    for (Map.Entry<Long, byte[]> record : records.entrySet()) {
      Descriptor descriptor = Descriptor.decode(record.getValue());
      if (descriptor instanceof Descriptor.Chunked chunked) {
        for (int index = 0; index < chunked.count(); index++) {
          chunkKeys.add(chunked.chunkKey(index));
        }
      } else {
        filesByNode.computeIfAbsent(((Descriptor.Spilled) descriptor).node(), node -> new ArrayList<>())
            .add(record.getKey());
      }
    }
    cache.removeAllAsync(keys);
    if (!chunkKeys.isEmpty()) {
      chunks.removeAllAsync(chunkKeys);
    }
    UUID localNode = ignite.cluster().localNode().id();
    filesByNode.forEach((node, fileKeys) -> {
      if (node.equals(localNode)) {
        fileKeys.forEach(spills::delete);
      } else if (ignite.cluster().node(node) != null) {
        ignite.compute(ignite.cluster().forNodeId(node)).runAsync(new SpillJobs.Delete(fileKeys))
            .listen(done -> {
              try {
                done.get();
              } catch (RuntimeException e) {
                LOG.debug("Could not delete {} spilled objects on node {}: {}", fileKeys.size(), node, e.toString());
              }
            });
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

  /** Objects this node spilled to disk files since it started. */
  public long objectsSpilled() {
    return spills.objectsSpilled();
  }

  /** Bytes of the objects this node spilled to disk files since it started. */
  public long bytesSpilled() {
    return spills.bytesSpilled();
  }

  /** Reads of spilled objects (or parts of them) this node served from its files. */
  public long spillReads() {
    return spills.reads();
  }

  /** Spill files of freed objects this node deleted since it started. */
  public long spillFilesDeleted() {
    return spills.filesDeleted();
  }

  /** The directory of this node's spill files (made at the first spill). */
  public java.nio.file.Path spillDirectory() {
    return spills.directory();
  }

  /** Deletes this node's spill files; the store is not to be used after. */
  public void close() {
    SpillJobs.unregister(ignite, spills);
    chunkWriters.close();
    spills.close();
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
    /** Where new keys go: this node's home partitions (or other live nodes' homes, if it has none). */
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
