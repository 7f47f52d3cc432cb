package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * How long 100 stored task results lost with their node take to read again: made again by
 * lineage (no backups: their tasks run again) versus read from backup copies
 * ({@code objectStoreBackups = 1}: nothing runs again). Each run is a fresh cluster of this JVM
 * (the driver, no CPUs) and two worker JVMs; the results are made on one worker, which is then
 * killed (SIGKILL); the clock starts once the cluster has noticed and stops when every result has
 * been read here and checked. The median of the runs is reported, and lineage / backups.
 *
 * <pre>
 * mvn -q -o exec:exec -pl bench -Dexec.mainClass=org.rayonignite.bench.RecoveryBenchmark \
 *     -Dexec.programArgs="--objects 100 --size-kib 1024 --rounds 3"
 * </pre>
 */
public final class RecoveryBenchmark {
  private RecoveryBenchmark() {}

  /** A result of {@code sizeKib} KiB whose bytes tell {@code index}. */
  static byte[] made(int index, int sizeKib) {
    byte[] bytes = new byte[sizeKib << 10];
    Arrays.fill(bytes, (byte) index);
    return bytes;
  }

  public static void main(String[] args) {
    int objects = 100;
    int sizeKib = 1024;
    int rounds = 3;
    String address = "127.0.0.1:47910..47919";
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--objects" -> objects = Integer.parseInt(value);
        case "--size-kib" -> sizeKib = Integer.parseInt(value);
        case "--rounds" -> rounds = Integer.parseInt(value);
        case "--address" -> address = value;
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + " (options: --objects N, --size-kib K, --rounds R, --address HOST:PORTS)");
      }
    }
    long[] lineage = new long[rounds];
    long[] backups = new long[rounds];
    for (int round = 0; round < rounds; round++) { // alternating, so drift hits both sides
      lineage[round] = recoveryMillis(address, 0, objects, sizeKib);
      backups[round] = recoveryMillis(address, 1, objects, sizeKib);
      System.out.printf("round %d: lineage %d ms, backups %d ms%n", round + 1, lineage[round],
          backups[round]);
    }
    long lineageMedian = median(lineage);
    long backupsMedian = median(backups);
    System.out.printf("recover %d lost objects of %d KiB: lineage %d ms, backups %d ms, "
            + "lineage / backups = %.2f (median of %d)%n", objects, sizeKib, lineageMedian,
        backupsMedian, (double) lineageMedian / Math.max(1, backupsMedian), rounds);
  }

  private static long recoveryMillis(String address, int backupCopies, int objects, int sizeKib) {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        worker(address, backupCopies), worker(address, backupCopies)));
    NodeProcess doomed = workers.get(1);
    try {
      Ray.init(RayConfig.builder().address(address).resources(Map.of("CPU", 0.0))
          .objectStoreBackups(backupCopies).build());
      workers.forEach(worker -> ClusterUnderTest.awaitRayNode(worker.nodeId()));
      List<ObjectRef<byte[]>> results = new ArrayList<>();
      for (int i = 0; i < objects; i++) {
        results.add(Ray.task(RecoveryBenchmark::made, i, sizeKib)
            .setNodeAffinity(doomed.nodeId(), true).remote());
      }
      Ray.wait(results, objects, 300_000, false); // made there, none fetched here
      doomed.kill();
      awaitLive(2);
      long start = System.nanoTime();
      for (int i = 0; i < objects; i++) {
        byte[] value = results.get(i).get(300_000);
        if (value.length != sizeKib << 10 || value[0] != (byte) i || value[value.length - 1] != (byte) i) {
          throw new IllegalStateException("object " + i + " came back wrong");
        }
      }
      return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    } finally {
      Ray.shutdown();
      workers.forEach(NodeProcess::close);
    }
  }

  private static NodeProcess.Builder worker(String address, int backupCopies) {
    return NodeProcess.builder().javaOptions(ClusterUnderTest.WORKER_HEAP).args("--address", address,
        "--resources", "CPU=2", "--object-store-backups", String.valueOf(backupCopies));
  }

  /** Waits until the cluster has noticed the kill: {@code nodes} live Ray nodes are left. */
  private static void awaitLive(int nodes) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Ray.getRuntimeContext().getAllNodeInfo().stream().filter(NodeInfo::isAlive).count() > nodes) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the killed worker still shows as alive after 60 s");
      }
      Thread.onSpinWait();
    }
  }

  private static long median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
