package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.Patterns;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.objectstore.ObjectStore;

/**
 * Spilling over two JVMs (ports 49580..49589), each with a 64 MiB store: objects made on one
 * node beyond three times its store, all held, are read back correct on the other, which asks
 * the spilling node for them; freeing deletes the files on both.
 */
class SpillMultiJvmTest {
  private static final String ADDRESS = "127.0.0.1:49580..49589";
  private static final long STORE_BYTES = 64L << 20;
  private static NodeProcess worker;

  @BeforeAll
  static void start() {
    worker = NodeProcess.builder().javaOptions("-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .args("--address", ADDRESS, "--resources", "CPU=1", "--object-store-memory", String.valueOf(STORE_BYTES))
        .start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(STORE_BYTES).build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Ray.getRuntimeContext().getAllNodeInfo().size() < 2 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    worker.close();
  }

  static byte[] pattern(int size, int seed) {
    return Patterns.bytes(size, seed);
  }

  static long crc(byte[] bytes) {
    return Patterns.crc(bytes);
  }

  static long spilledHere() {
    return NodeRuntime.current().objects().store().objectsSpilled();
  }

  static long spillFilesHere() {
    return SpillTest.files(NodeRuntime.current().objects().store().spillDirectory());
  }

  static int size(int i) {
    return i % 4 == 3 ? 16 << 20 : 2 << 20; // every fourth over the chunked size
  }

  @Test
  void heldObjectsSpillOnTheirNodeAndReadBackFromTheOther() {
    NodeId other = worker.nodeId();
    ObjectStore store = NodeRuntime.currentOrDefault().objects().store();
    long spilledHereBefore = store.objectsSpilled();
    long spilledThereBefore = Ray.task(SpillMultiJvmTest::spilledHere).setNodeAffinity(other, false).remote().get();

    List<ObjectRef<byte[]>> putHere = new ArrayList<>();
    List<ObjectRef<byte[]>> madeThere = new ArrayList<>();
    long total = 0;
    for (int i = 0; total < 3 * STORE_BYTES; i++) {
      putHere.add(Ray.put(pattern(size(i), i)));
      madeThere.add(Ray.task(SpillMultiJvmTest::pattern, size(i), i).setNodeAffinity(other, false).remote());
      total += size(i);
    }
    for (int i = 0; i < putHere.size(); i++) {
      long expected = Patterns.crc(size(i), i);
      assertEquals(expected, Ray.task(SpillMultiJvmTest::crc, putHere.get(i)).setNodeAffinity(other, false).remote().get(),
          "object " + i + " put here, read there");
      assertEquals(expected, crc(madeThere.get(i).get()), "object " + i + " made there, read here");
    }
    long spilledHere = store.objectsSpilled() - spilledHereBefore;
    long spilledThere = Ray.task(SpillMultiJvmTest::spilledHere).setNodeAffinity(other, false).remote().get()
        - spilledThereBefore;
    assertTrue(spilledHere > putHere.size() / 3, "only " + spilledHere + " objects spilled here");
    assertTrue(spilledThere > madeThere.size() / 3, "only " + spilledThere + " objects spilled there");

    putHere.clear();
    madeThere.clear();
    SpillTest.awaitZero(() -> SpillTest.files(store.spillDirectory())
        + Ray.task(SpillMultiJvmTest::spillFilesHere).setNodeAffinity(other, false).remote().get(), "spill files");
  }
}
