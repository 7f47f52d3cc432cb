package org.rayonignite.examples;

import java.io.PrintStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteDataStreamer;
import org.apache.ignite.Ignition;
import org.apache.ignite.binary.BinaryObject;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cache.affinity.AffinityKey;
import org.apache.ignite.cache.affinity.rendezvous.RendezvousAffinityFunction;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.rayonignite.Ray;
import org.rayonignite.RayState;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.call.TaskCaller;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.objectstore.ObjectSerializer;
import org.rayonignite.state.TaskInfo;
import org.rayonignite.state.TaskState;

/**
 * A data-local batch job, as Ignite users write them with {@code affinityCall}, in Ray's model:
 * sales records live in a PARTITIONED Ignite cache; one map task per partition runs on the node
 * that holds the partition ({@code setAffinity(cache, key)}), scans only its local data and returns
 * a small per-region total; reduce tasks, whose inputs are the map tasks' {@code ObjectRef}s,
 * combine the totals in a tree. The program then checks the result against a direct computation
 * and prints how many map tasks ran next to their data and how many bytes moved between nodes.
 *
 * <pre>
 * mvn -q -DskipTests package exec:exec -pl examples -am \
 *     -Dexec.mainClass=org.rayonignite.examples.DataLocalBatchJob [-Dexec.programArgs="--partitions 64 --records 2000"]
 * </pre>
 *
 * <p>By default it runs on a 3-node cluster that it starts itself on loopback ports
 * {@value #DEFAULT_ADDRESS}: this JVM (the driver) and two worker JVMs
 * ({@link NodeProcess}), stopped at the end. With {@code -Dray.address=...} or
 * {@code RAY_ADDRESS} it joins that cluster instead and starts no workers; with
 * {@code RAY_SPRING_XML=examples/spring/sales-node.xml} the driver is a node from that Spring XML,
 * whose {@code sales} cache the job then loads and reads (and leaves in place).
 */
public final class DataLocalBatchJob {
  /** The Ignite cache the records live in. */
  public static final String CACHE = "sales";
  /** Partitions of the cache: modest, so each holds a useful amount of data. */
  public static final int CACHE_PARTITIONS = 64;
  /** Where the self-started cluster discovers itself: loopback ports of its own. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:48600..48609";
  static final String[] REGIONS = {"north", "south", "east", "west", "central"};
  /** Ray keeps task results up to this size inline (in messages, held by their owner). */
  private static final int INLINE_MAX = 100 * 1024;
  private static final int WORKERS = 2;

  private DataLocalBatchJob() {}

  // ---- the data ----

  /** A cache value. Workers read it as a {@link BinaryObject}, so they need not have this class. */
  public static final class Sale implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String region;
    private final long amountCents;

    public Sale(String region, long amountCents) {
      this.region = region;
      this.amountCents = amountCents;
    }

    public String region() {
      return region;
    }

    public long amountCents() {
      return amountCents;
    }
  }

  /** The same sales every run: record {@code i} of logical partition {@code p}. */
  static Sale sale(int partition, int i) {
    long h = (partition * 1_000_003L + i) * 0x9E3779B97F4A7C15L;
    h ^= h >>> 31;
    return new Sale(REGIONS[(int) Math.floorMod(h, (long) REGIONS.length)],
        100 + Math.floorMod(h >>> 8, 99_901L)); // 1.00 .. 1,000.00
  }

  /** Sale count and total per region: what a map task returns, and what reduce tasks combine. */
  public static final class RegionTotals implements Serializable {
    private static final long serialVersionUID = 1L;
    final long[] count = new long[REGIONS.length];
    final long[] cents = new long[REGIONS.length];

    void add(String region, long amountCents) {
      int index = Arrays.asList(REGIONS).indexOf(region);
      count[index]++;
      cents[index] += amountCents;
    }

    long records() {
      return Arrays.stream(count).sum();
    }

    RegionTotals plus(RegionTotals other) {
      RegionTotals sum = new RegionTotals();
      for (int i = 0; i < REGIONS.length; i++) {
        sum.count[i] = count[i] + other.count[i];
        sum.cents[i] = cents[i] + other.cents[i];
      }
      return sum;
    }

    boolean sameAs(RegionTotals other) {
      return Arrays.equals(count, other.count) && Arrays.equals(cents, other.cents);
    }

    @Override
    public String toString() {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < REGIONS.length; i++) {
        text.append(String.format(Locale.ROOT, "  %-8s %,9d sales %,16.2f%n", REGIONS[i], count[i],
            cents[i] / 100.0));
      }
      return text.toString();
    }
  }

  // ---- the tasks ----

  /**
   * The map task: scans partition {@code partition} of the cache on this node only (a local scan
   * sees only this node's data, so a task on the wrong node would count nothing and fail here).
   */
  public static RegionTotals scanPartition(int partition, int expectedRecords) {
    Ignite ignite = localIgnite();
    IgniteCache<Object, BinaryObject> sales = ignite.cache(CACHE).withKeepBinary();
    RegionTotals totals = new RegionTotals();
    try (QueryCursor<Cache.Entry<Object, BinaryObject>> cursor = sales.query(
        new ScanQuery<Object, BinaryObject>().setPartition(partition).setLocal(true))) {
      for (Cache.Entry<Object, BinaryObject> entry : cursor) {
        BinaryObject sale = entry.getValue();
        totals.add(sale.field("region"), sale.<Long>field("amountCents"));
      }
    }
    if (totals.records() != expectedRecords) {
      throw new IllegalStateException("partition " + partition + ": a local scan on node "
          + ignite.cluster().localNode().id() + " found " + totals.records() + " of "
          + expectedRecords + " records: the partition is not (all) here");
    }
    return totals;
  }

  /** The reduce task. */
  public static RegionTotals merge(RegionTotals a, RegionTotals b) {
    return a.plus(b);
  }

  /** The Ignite node of the Ray node this task runs on (a JVM may hold several nodes). */
  static Ignite localIgnite() {
    UUID here = Ray.getRuntimeContext().getCurrentNodeId().toUuid();
    for (Ignite ignite : Ignition.allGrids()) {
      if (ignite.cluster().localNode().id().equals(here)) {
        return ignite;
      }
    }
    throw new IllegalStateException("no Ignite node in this JVM has Ray's node id " + here);
  }

  // ---- the job ----

  /** What a run found: the figures the program prints, for tests. */
  public record Report(boolean correct, int mapTasks, int mapTasksOnPrimary, int mapTasksInputsLocal,
      int reduceTasks, long bytesFetched, long inlineBytesMoved, long minimumBytes, int nodes) {
    public double dataLocalFraction() {
      return mapTasks == 0 ? 0 : (double) mapTasksOnPrimary / mapTasks;
    }

    public long bytesMoved() {
      return bytesFetched + inlineBytesMoved;
    }
  }

  /** How big a job, and where its reduce tasks run. */
  public record Options(int partitions, int recordsPerPartition, boolean reduceOnDriver) {
    /** 64 partitions of 2,000 sales; reduce tasks placed by the DEFAULT scheduler. */
    public static final Options DEFAULTS = new Options(64, 2000, false);
    static final String USAGE = "usage: DataLocalBatchJob [--partitions N (1.." + CACHE_PARTITIONS
        + ", default 64)] [--records PER_PARTITION (default 2000)] [--reduce-on-driver]";

    public Options {
      if (partitions < 1 || partitions > CACHE_PARTITIONS || recordsPerPartition < 1) {
        throw new IllegalArgumentException("need 1.." + CACHE_PARTITIONS + " partitions and at "
            + "least one record per partition; " + USAGE);
      }
    }

    static Options parse(String[] args) {
      int partitions = DEFAULTS.partitions;
      int records = DEFAULTS.recordsPerPartition;
      boolean reduceOnDriver = false;
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--partitions" -> partitions = Integer.parseInt(value(args, ++i));
          case "--records" -> records = Integer.parseInt(value(args, ++i));
          case "--reduce-on-driver" -> reduceOnDriver = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i] + "; " + USAGE);
        }
      }
      return new Options(partitions, records, reduceOnDriver);
    }

    private static String value(String[] args, int index) {
      if (index >= args.length) {
        throw new IllegalArgumentException(args[index - 1] + " needs a value; " + USAGE);
      }
      return args[index];
    }
  }

  public static void main(String[] args) {
    Options options;
    RayConfig configured;
    try {
      options = Options.parse(args);
      configured = RayConfig.fromSystem();
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(64);
      return;
    }
    Report report = configured.isEmbedded() ? runOnOwnCluster(DEFAULT_ADDRESS, options, System.out)
        : runOnCluster(configured, options, System.out);
    System.exit(report.correct() ? 0 : 1);
  }

  /**
   * Starts two worker JVMs on {@code address}, joins them as the driver, runs the job, and stops
   * Ray and the workers, whatever happens.
   */
  public static Report runOnOwnCluster(String address, Options options, PrintStream out) {
    out.println("starting 2 worker JVMs on " + address + " ...");
    List<NodeProcess.Builder> builders = new ArrayList<>();
    for (int i = 0; i < WORKERS; i++) {
      builders.add(NodeProcess.builder().javaOptions("-Xmx512m")
          .args("--address", address, "--resources", "CPU=2",
              "--object-store-memory", String.valueOf(256L << 20)));
    }
    List<NodeProcess> workers = NodeProcess.Builder.startAll(builders);
    Thread reaper = new Thread(() -> workers.forEach(NodeProcess::close), "batch-job-workers-reaper");
    Runtime.getRuntime().addShutdownHook(reaper); // a killed driver leaves no worker behind
    try {
      Ray.init(RayConfig.builder().address(address).resources(Map.of("CPU", 2.0))
          .objectStoreMemoryBytes(256L << 20).build());
      awaitNodes(WORKERS + 1);
      return run(options, out);
    } finally {
      Ray.shutdown();
      workers.forEach(NodeProcess::close);
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
  }

  /**
   * Joins the cluster {@code config} names ({@code ray.address} / {@code RAY_ADDRESS}, or a node
   * from {@code ray.springXml} / {@code RAY_SPRING_XML}, ...), runs the job there, and leaves.
   */
  public static Report runOnCluster(RayConfig config, Options options, PrintStream out) {
    Ray.init(config);
    try {
      return run(options, out);
    } finally {
      Ray.shutdown();
    }
  }

  /** The job, on the cluster Ray is connected to: load, map, reduce, check, report. */
  static Report run(Options options, PrintStream out) {
    int partitions = options.partitions();
    int records = options.recordsPerPartition();
    Ignite ignite = localIgnite(); // outside tasks: the Ignite node Ray started in this JVM
    NodeId driver = Ray.getRuntimeContext().getCurrentNodeId();
    List<NodeInfo> nodes = Ray.getRuntimeContext().getAllNodeInfo();
    // A cache the cluster already has (declared in its Spring XML, examples/spring/sales-node.xml)
    // is the user's: the job loads into it and leaves it. Otherwise the job makes its own and
    // drops it at the end.
    boolean usersCache = ignite.cacheNames().contains(CACHE);
    IgniteCache<AffinityKey<Long>, Sale> sales;
    if (usersCache) {
      sales = ignite.cache(CACHE);
      sales.clear(); // the records of an earlier run
    } else {
      ignite.destroyCache(CACHE); // a left-over from an earlier run on a long-lived cluster
      sales = ignite.getOrCreateCache(cacheConfiguration());
    }
    try {
      @SuppressWarnings("unchecked")
      CacheConfiguration<?, ?> cacheConfig = sales.getConfiguration(CacheConfiguration.class);
      int cachePartitions = ignite.affinity(CACHE).partitions();
      if (partitions > cachePartitions) {
        throw new IllegalArgumentException("cache \"" + CACHE + "\" has " + cachePartitions
            + " partitions; the job needs one per logical partition: use --partitions "
            + cachePartitions + " or fewer");
      }
      out.printf(Locale.ROOT, "cluster: %d nodes; cache \"%s\" (%s): %s, %d backups, %d partitions%n",
          nodes.size(), CACHE, usersCache ? "the cluster's" : "made by the job",
          cacheConfig.getCacheMode(), cacheConfig.getBackups(), cachePartitions);

      // Load: the records of logical partition p share one affinity key, chosen so that it maps
      // to cache partition p; so partition p of the job is exactly cache partition p.
      Affinity<Object> affinity = ignite.affinity(CACHE);
      int[] partitionKey = affinityKeys(affinity, partitions);
      RegionTotals expected = new RegionTotals();
      long loadStart = System.nanoTime();
      try (IgniteDataStreamer<AffinityKey<Long>, Sale> streamer = ignite.dataStreamer(CACHE)) {
        long id = 0;
        for (int p = 0; p < partitions; p++) {
          for (int i = 0; i < records; i++) {
            Sale sale = sale(p, i);
            streamer.addData(new AffinityKey<>(id++, partitionKey[p]), sale);
            expected.add(sale.region(), sale.amountCents());
          }
        }
      }
      out.printf(Locale.ROOT, "loaded %,d sales into %d partitions in %.1f s%n",
          (long) partitions * records, partitions, (System.nanoTime() - loadStart) / 1e9);

      // Where each partition is now: the map task for it must run there.
      Map<Integer, NodeId> primaryOf = new HashMap<>();
      for (int p = 0; p < partitions; p++) {
        primaryOf.put(p, NodeId.of(affinity.mapPartitionToNode(p).id()));
      }
      long fetchedBefore = totalBytesFetched();
      long jobStart = System.nanoTime();

      // Map: one task per partition, on the partition's primary node.
      List<ObjectRef<RegionTotals>> maps = new ArrayList<>();
      for (int p = 0; p < partitions; p++) {
        maps.add(Ray.task(DataLocalBatchJob::scanPartition, p, records)
            .setAffinity(CACHE, partitionKey[p]).setName("scan partition " + p).remote());
      }
      // Reduce: a binary tree of merges whose inputs are the refs of the level below.
      List<Merge> merges = new ArrayList<>();
      List<ObjectRef<RegionTotals>> level = maps;
      while (level.size() > 1) {
        List<ObjectRef<RegionTotals>> next = new ArrayList<>();
        for (int i = 0; i + 1 < level.size(); i += 2) {
          TaskCaller<RegionTotals> merge = Ray.task(DataLocalBatchJob::merge, level.get(i),
              level.get(i + 1)).setName("merge");
          if (options.reduceOnDriver()) {
            merge.setNodeAffinity(driver, false); // where the small map results arrive anyway
          }
          ObjectRef<RegionTotals> merged = merge.remote();
          next.add(merged);
          merges.add(new Merge(merged, level.get(i), level.get(i + 1)));
        }
        if (level.size() % 2 == 1) {
          next.add(level.get(level.size() - 1));
        }
        level = next;
      }
      RegionTotals result = level.get(0).get();
      double seconds = (System.nanoTime() - jobStart) / 1e9;
      boolean correct = result.sameAs(expected);
      out.printf(Locale.ROOT, "map/reduce: %d scan tasks (setAffinity(\"%s\", key)) and %d merge "
          + "tasks (%s) in %.2f s; sales per region:%n%s", maps.size(), CACHE, merges.size(),
          options.reduceOnDriver() ? "pinned to the driver" : "placed by the DEFAULT scheduler",
          seconds, result);
      out.println("matches the direct computation over the loaded records: "
          + (correct ? "yes (correct)" : "NO (WRONG)\nexpected:\n" + expected));

      return report(driver, nodes, maps, merges, primaryOf, fetchedBefore, correct, out);
    } finally {
      if (!usersCache) {
        sales.destroy();
      }
    }
  }

  private static CacheConfiguration<AffinityKey<Long>, Sale> cacheConfiguration() {
    return new CacheConfiguration<AffinityKey<Long>, Sale>(CACHE)
        .setCacheMode(CacheMode.PARTITIONED)
        .setAtomicityMode(CacheAtomicityMode.ATOMIC)
        .setBackups(0)
        .setAffinity(new RendezvousAffinityFunction(false, CACHE_PARTITIONS));
  }

  /** For each partition p below {@code partitions}, the smallest int key that maps to cache partition p. */
  static int[] affinityKeys(Affinity<Object> affinity, int partitions) {
    int[] keys = new int[partitions];
    Arrays.fill(keys, -1);
    int found = 0;
    for (int key = 0; found < partitions; key++) {
      int partition = affinity.partition(key);
      if (partition < partitions && keys[partition] < 0) {
        keys[partition] = key;
        found++;
      }
    }
    return keys;
  }

  // ---- what moved where ----

  /** A reduce task: its result and its two inputs. */
  private record Merge(ObjectRef<RegionTotals> result, ObjectRef<RegionTotals> left,
      ObjectRef<RegionTotals> right) {}

  private static Report report(NodeId driver, List<NodeInfo> nodes, List<ObjectRef<RegionTotals>> maps,
      List<Merge> merges, Map<Integer, NodeId> primaryOf, long fetchedBefore, boolean correct,
      PrintStream out) {
    Map<TaskId, TaskInfo> tasks = new HashMap<>();
    for (TaskInfo info : RayState.listTasks()) {
      tasks.put(info.getTaskId(), info);
    }
    Map<NodeId, String> names = nodeNames(driver, nodes);
    Map<String, Integer> mapsByNode = new LinkedHashMap<>();
    Map<String, Integer> reducesByNode = new LinkedHashMap<>();
    names.values().forEach(name -> {
      mapsByNode.put(name, 0);
      reducesByNode.put(name, 0);
    });
    // Small results travel inline: a task off the driver sends its result to the driver (its
    // owner) in the result message and gets its ref inputs in the task message. So count, from
    // where each task ran, the bytes of the values that crossed between nodes.
    ObjectSerializer serializer = new ObjectSerializer(kryo -> { }); // the object store's format
    Map<ObjectRef<RegionTotals>, Integer> size = new HashMap<>();
    List<ObjectRef<RegionTotals>> all = new ArrayList<>(maps);
    merges.forEach(merge -> all.add(merge.result()));
    for (ObjectRef<RegionTotals> ref : all) {
      size.put(ref, serializer.serialize(ref.get()).length);
      if (size.get(ref) > INLINE_MAX) {
        throw new IllegalStateException("an aggregate of " + size.get(ref) + " bytes is not small: "
            + "this accounting assumes inline results");
      }
    }
    int onPrimary = 0;
    int inputsLocal = 0;
    long inlineMoved = 0;
    Map<NodeId, Long> mapBytesByNode = new HashMap<>();
    for (int p = 0; p < maps.size(); p++) {
      TaskInfo info = infoOf(tasks, maps.get(p));
      int bytes = size.get(maps.get(p));
      mapsByNode.merge(names.getOrDefault(info.getNodeId(), "?"), 1, Integer::sum);
      if (info.getState() == TaskState.FINISHED && primaryOf.get(p).equals(info.getNodeId())) {
        onPrimary++;
      }
      if (info.isInputsLocal()) {
        inputsLocal++;
      }
      mapBytesByNode.merge(info.getNodeId(), (long) bytes, Long::sum);
      if (!driver.equals(info.getNodeId())) {
        inlineMoved += bytes; // its result, to the driver
      }
    }
    for (Merge merge : merges) {
      TaskInfo info = infoOf(tasks, merge.result());
      reducesByNode.merge(names.getOrDefault(info.getNodeId(), "?"), 1, Integer::sum);
      if (!driver.equals(info.getNodeId())) { // its inputs came from the driver, its result went back
        inlineMoved += size.get(merge.left()) + size.get(merge.right()) + size.get(merge.result());
      }
    }
    long fetched = settledBytesFetched(fetchedBefore);
    // The least that must move: the aggregates made on other nodes than the one that combines
    // them, and the result to the driver if that node is not the driver. The best such node is
    // the driver here unless another made more aggregate bytes than the result's size.
    long allMapBytes = mapBytesByNode.values().stream().mapToLong(Long::longValue).sum();
    int resultBytes = size.get(merges.isEmpty() ? maps.get(0) : merges.get(merges.size() - 1).result());
    long minimum = allMapBytes - mapBytesByNode.getOrDefault(driver, 0L);
    for (Map.Entry<NodeId, Long> node : mapBytesByNode.entrySet()) {
      minimum = Math.min(minimum, allMapBytes - node.getValue() + resultBytes);
    }
    Report report = new Report(correct, maps.size(), onPrimary, inputsLocal, merges.size(), fetched,
        inlineMoved, minimum, nodes.size());
    out.printf(Locale.ROOT, "map tasks data-local: %d of %d (%.1f%%) ran on the primary node of "
        + "their partition; %d of %d had all inputs local%n", onPrimary, maps.size(),
        100.0 * report.dataLocalFraction(), inputsLocal, maps.size());
    out.println("map tasks per node: " + mapsByNode + "; merge tasks per node: " + reducesByNode);
    out.printf(Locale.ROOT, "bytes moved between nodes: %,d B (%,d B fetched from the object store, "
        + "RayState.bytesFetchedByNode; %,d B of aggregates carried inline in task messages and "
        + "results)%n", report.bytesMoved(), fetched, inlineMoved);
    out.printf(Locale.ROOT, "minimum: %,d B (the aggregates made off the node that combines them); "
        + "moved/minimum = %s%n", minimum,
        minimum == 0 ? (report.bytesMoved() == 0 ? "1.00" : "inf")
            : String.format(Locale.ROOT, "%.2f", (double) report.bytesMoved() / minimum));
    return report;
  }

  private static TaskInfo infoOf(Map<TaskId, TaskInfo> tasks, ObjectRef<?> ref) {
    TaskInfo info = tasks.get(ref.getId().getTaskId());
    if (info == null) {
      throw new IllegalStateException("RayState.listTasks() has no record of task "
          + ref.getId().getTaskId() + " (dropped " + RayState.droppedTasks() + ")");
    }
    return info;
  }

  private static Map<NodeId, String> nodeNames(NodeId driver, List<NodeInfo> nodes) {
    Map<NodeId, String> names = new LinkedHashMap<>();
    names.put(driver, "driver");
    int worker = 0;
    for (NodeInfo node : nodes) {
      if (!node.getNodeId().equals(driver)) {
        names.put(node.getNodeId(), "node" + (++worker));
      }
    }
    return names;
  }

  private static long totalBytesFetched() {
    return RayState.bytesFetchedByNode().values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Bytes fetched since {@code before}, once every node's report has caught up: nodes publish
   * their counters every few tens of milliseconds, so read until the sum holds still.
   */
  private static long settledBytesFetched(long before) {
    long last = -1;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < deadline) {
      sleep(200);
      long now = totalBytesFetched();
      if (now == last) {
        break;
      }
      last = now;
    }
    return last - before;
  }

  private static void awaitNodes(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Ray.getRuntimeContext().getAllNodeInfo().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("only " + Ray.getRuntimeContext().getAllNodeInfo().size()
            + " of " + count + " nodes joined within 60 s");
      }
      sleep(50);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
