package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.Patterns;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.config.RayConfig;
import org.rayonignite.objectstore.ObjectStore;

/** A full object store spills the objects still referenced to disk files, reads them back, and deletes them when freed. */
class SpillTest {
  private static final long STORE_BYTES = 32L << 20;
  private static ObjectStore store;

  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 1.0)).objectStoreMemoryBytes(STORE_BYTES).build());
    store = NodeRuntime.currentOrDefault().objects().store();
  }

  @AfterAll
  static void stop() {
    Path directory = store.spillDirectory();
    Ray.shutdown();
    assertFalse(Files.exists(directory), "the spill directory is left: " + directory);
  }

  static byte[] pattern(int size, int seed) {
    return Patterns.bytes(size, seed);
  }

  @Test
  void threeTimesTheStoreOfHeldObjectsSpillReadBackAndGoWhenFreed() {
    long spilledBefore = store.objectsSpilled();
    List<ObjectRef<byte[]>> held = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    long total = 0;
    for (int i = 0; total < 3 * STORE_BYTES; i++) {
      int size = i % 10 == 9 ? 12 << 20 : 2 << 20; // every tenth over the chunked size
      held.add(i % 2 == 0 ? Ray.put(pattern(size, i)) : Ray.task(SpillTest::pattern, size, i).remote());
      sizes.add(size);
      total += size;
    }
    for (int i = 0; i < held.size(); i++) {
      assertEquals(Patterns.crc(sizes.get(i), i), Patterns.crc(held.get(i).get()), "object " + i);
    }
    long spilled = store.objectsSpilled() - spilledBefore;
    assertTrue(spilled > held.size() / 3, "only " + spilled + " of " + held.size() + " objects spilled");
    assertTrue(store.bytesSpilled() >= 2 * STORE_BYTES - (16L << 20), store.bytesSpilled() + " bytes spilled");
    assertEquals(spilled, files(store.spillDirectory()));

    held.clear();
    awaitZero(() -> files(store.spillDirectory()), "spill files");
  }

  /** How many files are in {@code directory} (0 if it does not exist). */
  static long files(Path directory) {
    if (!Files.isDirectory(directory)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for freeing, which follows the JVM's collection of refs, to bring {@code count} to 0. */
  static void awaitZero(LongSupplier count, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    long left;
    while ((left = count.getAsLong()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(left + " " + what + " are left");
      }
      System.gc();
      Ray.put(0); // a put frees what the collector found
      Thread.onSpinWait();
    }
  }
}
