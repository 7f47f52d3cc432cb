package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.rayonignite.Ray;
import org.rayonignite.RayState;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.NodeConfigurations;
import org.rayonignite.config.RayConfig;

/**
 * The object store's benchmarks, each next to raw Ignite doing the same in the same run:
 *
 * <ul>
 *   <li>{@code large_object_put_get}: over 2 JVMs, {@code Ray.put} of a 1 GiB {@code byte[]} on
 *       this node, and {@code get} here of a 1 GiB object a task made on the worker; raw: one
 *       {@code IgniteCache.put} of the same array under a key of this node, and one
 *       {@code IgniteCache.get} here of a 1 GiB value the worker put under a key of its own (the
 *       whole array as one cache value, no chunking). GB/s, median of the rounds.
 *   <li>{@code store_overhead_per_object}: embedded, bytes of the object store's memory each live
 *       object takes beyond its payload ((used after - used before) / objects - payload), for
 *       several payload sizes, {@code Ray.put} against {@code IgniteCache.put} of the same
 *       arrays, each side in a fresh node.
 * </ul>
 *
 * <pre>
 * mvn -q -DskipTests package exec:exec -pl bench -am -Dexec.mainClass=org.rayonignite.bench.ObjectStoreBenchmarks \
 *     -Dbench.jvm.options="-Xms3g -Xmx3g -XX:+UseG1GC" -Dexec.programArgs="--rounds 3"
 * </pre>
 */
public final class ObjectStoreBenchmarks {
  /** Puts up to this size stay in their owner's heap and never reach the store (ObjectManager). */
  private static final int HEAP_PUT_MAX = 4 << 10;
  private static final int[] OVERHEAD_PAYLOADS = {100, 1024, 10 << 10, 100 << 10, 1 << 20, 16 << 20};

  private ObjectStoreBenchmarks() {}

  public static void main(String[] args) {
    int sizeMib = 1024;
    int rounds = 3;
    String address = "127.0.0.1:47920..47929";
    String only = "all";
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--size-mib" -> sizeMib = Integer.parseInt(args[++i]);
        case "--rounds" -> rounds = Integer.parseInt(args[++i]);
        case "--address" -> address = args[++i];
        case "--only" -> only = args[++i];
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; options: --size-mib N (default 1024), --rounds N (3), --address HOST:PORTS "
            + "(127.0.0.1:47920..47929), --only large_object_put_get|store_overhead_per_object");
      }
    }
    if (only.equals("all") || only.equals("store_overhead_per_object")) {
      overheadPerObject();
    }
    if (only.equals("all") || only.equals("large_object_put_get")) {
      largeObjects(sizeMib << 20, rounds, address);
    }
  }

  // ---- large_object_put_get ----

  static byte at(int index) {
    return (byte) ((index ^ (index >>> 11)) * 131 + 7);
  }

  /** An array of {@code size} bytes of a pattern {@link #check} knows. */
  static byte[] filled(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = at(i);
    }
    return bytes;
  }

  /** Throws unless {@code bytes} is {@link #filled}'s array of {@code size} (every 4,099th byte checked). */
  static void check(byte[] bytes, int size) {
    Values.check(bytes, size);
    for (int i = 0; i < size; i += 4099) {
      if (bytes[i] != at(i)) {
        throw new IllegalStateException("byte " + i + " is wrong");
      }
    }
  }

  /** Runs on the worker: puts a filled array into the raw cache under a key of the worker; returns the key. */
  static final class RawFill implements IgniteCallable<Long> {
    private static final long serialVersionUID = 1L;
    private final int size;
    @IgniteInstanceResource
    private transient Ignite ignite;

    RawFill(int size) {
      this.size = size;
    }

    @Override
    public Long call() {
      return new RawObjectCache(ignite).put(filled(size));
    }
  }

  private static void largeObjects(int size, int rounds, String address) {
    NodeProcess worker = NodeProcess.builder().javaOptions("-Xms3g", "-Xmx3g", "-XX:+UseG1GC")
        .args("--address", address, "--resources", "CPU=1").start();
    try {
      Ray.init(RayConfig.builder().address(address).build());
      ClusterUnderTest.awaitRayNode(worker.nodeId());
      Ignite ignite = ClusterUnderTest.igniteOf(Ray.getRuntimeContext().getCurrentNodeId());
      RawObjectCache raw = new RawObjectCache(ignite);
      double[] oursPut = new double[rounds];
      double[] rawPut = new double[rounds];
      byte[] value = filled(size);
      for (int round = -1; round < rounds; round++) { // round -1 warms up
        long start = System.nanoTime();
        ObjectRef<byte[]> ref = Ray.put(value);
        double ours = gigabytesPerSecond(size, start);
        ref = null;
        release();
        start = System.nanoTime();
        long key = raw.put(value);
        double rawRate = gigabytesPerSecond(size, start);
        raw.remove(key);
        if (round >= 0) {
          oursPut[round] = ours;
          rawPut[round] = rawRate;
        }
      }
      value = null;
      release();

      NodeId workerId = worker.nodeId();
      ObjectRef<byte[]> made = Ray.task(ObjectStoreBenchmarks::filled, size).setNodeAffinity(workerId, false).remote();
      Ray.wait(List.of(made), 1, -1, false);
      long rawKey = ignite.compute(ignite.cluster().forNodeId(workerId.toUuid())).call(new RawFill(size));
      double[] oursGet = new double[rounds];
      double[] rawGet = new double[rounds];
      for (int round = -1; round < rounds; round++) {
        long start = System.nanoTime();
        byte[] got = made.get();
        double ours = gigabytesPerSecond(size, start);
        check(got, size);
        got = null;
        release();
        start = System.nanoTime();
        got = raw.get(rawKey);
        double rawRate = gigabytesPerSecond(size, start);
        check(got, size);
        got = null;
        release();
        if (round >= 0) {
          oursGet[round] = ours;
          rawGet[round] = rawRate;
        }
      }
      System.out.printf(Locale.ROOT, "%nlarge_object_put_get (2 JVMs, %d MiB byte[], median of %d rounds)%n",
          size >> 20, rounds);
      System.out.printf(Locale.ROOT, "%-10s %12s %12s %8s   %s%n", "op", "ours GB/s", "raw GB/s", "ratio", "ours runs / raw runs");
      row("put", oursPut, rawPut);
      row("get", oursGet, rawGet);
      raw.remove(rawKey); // not clear(): Ignite's clear job reads the 1 GiB value onto the worker's heap
    } finally {
      Ray.shutdown();
      worker.close();
    }
  }

  private static void row(String name, double[] ours, double[] raw) {
    System.out.printf(Locale.ROOT, "%-10s %12.3f %12.3f %8.2f   %s / %s%n", name, median(ours), median(raw),
        median(ours) / median(raw), format(ours), format(raw));
  }

  private static String format(double[] values) {
    return Arrays.toString(Arrays.stream(values).map(v -> Math.round(v * 1000) / 1000.0).toArray());
  }

  private static double gigabytesPerSecond(long bytes, long startNanos) {
    return bytes / (double) (System.nanoTime() - startNanos);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
        : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  }

  /** Lets the runtime free what is no longer referenced (the collector finds it; a put frees it). */
  private static void release() {
    System.gc();
    Ray.put(0);
  }

  // ---- store_overhead_per_object ----

  private static void overheadPerObject() {
    System.out.printf(Locale.ROOT, "%nstore_overhead_per_object (embedded; bytes of store memory per live object beyond its payload)%n");
    System.out.printf(Locale.ROOT, "%-10s %8s %14s %14s%n", "payload", "objects", "ours B/object", "raw B/object");
    for (int payload : OVERHEAD_PAYLOADS) {
      int objects = (int) Math.max(16, Math.min(20_000, (256L << 20) / payload));
      double raw = overhead(payload, objects, false);
      if (payload <= HEAP_PUT_MAX) { // such puts stay in their owner's heap: the store holds none
        System.out.printf(Locale.ROOT, "%-10d %8d %14s %14.0f%n", payload, objects, "(heap)", raw);
        continue;
      }
      double ours = overhead(payload, objects, true);
      System.out.printf(Locale.ROOT, "%-10d %8d %14.0f %14.0f%n", payload, objects, ours, raw);
    }
  }

  /** Store bytes per object beyond {@code payload}, measured on a fresh embedded node. */
  private static double overhead(int payload, int objects, boolean ours) {
    Ray.init(RayConfig.builder().objectStoreMemoryBytes(2L << 30).build()); // room for all: nothing spills
    try {
      Ignite ignite = ClusterUnderTest.igniteOf(Ray.getRuntimeContext().getCurrentNodeId());
      RawObjectCache raw = ours ? null : new RawObjectCache(ignite);
      byte[] value = Values.bytes(payload);
      List<ObjectRef<byte[]>> held = new ArrayList<>();
      // Every partition (of 256) has its first pages before the measure starts, as far as 256 MiB allow.
      int warm = (int) Math.max(1, Math.min(256, (256L << 20) / payload));
      for (int i = 0; i < warm; i++) {
        store(ours, raw, value, held);
      }
      int storedBefore = RayState.storedObjectCount();
      long before = usedBytes(ignite);
      for (int i = 0; i < objects; i++) {
        store(ours, raw, value, held);
      }
      long after = usedBytes(ignite);
      if (ours && RayState.storedObjectCount() - storedBefore != objects) {
        throw new IllegalStateException((RayState.storedObjectCount() - storedBefore) + " objects stored, expected " + objects);
      }
      return (after - before) / (double) objects - payload;
    } finally {
      Ray.shutdown();
    }
  }

  private static void store(boolean ours, RawObjectCache raw, byte[] value, List<ObjectRef<byte[]>> held) {
    if (ours) {
      held.add(Ray.put(value));
    } else {
      raw.put(value);
    }
  }

  private static long usedBytes(Ignite ignite) {
    return ignite.dataRegionMetrics(NodeConfigurations.OBJECT_STORE_REGION).getTotalUsedSize();
  }
}
