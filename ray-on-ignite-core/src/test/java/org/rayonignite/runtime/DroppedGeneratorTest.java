package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.config.RayConfig;
import org.rayonignite.objectstore.ObjectStore;

/** A generator its caller drops: the elements it never handed out leave the store. */
class DroppedGeneratorTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 2.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  /** Elements just too large to travel inline, so each one is in the store. */
  static Iterator<byte[]> hundredKilobytes(int n) {
    return IntStream.range(0, n).mapToObj(i -> new byte[ObjectManager.INLINE_MAX + 1 + i]).iterator();
  }

  private static void await(IntSupplier count, int expected, boolean collect) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count.getAsInt() != expected) {
      assertTrue(System.nanoTime() < deadline, "the store holds " + count.getAsInt() + " objects, expected " + expected);
      if (collect) {
        System.gc();
      }
    }
  }

  /** Starts a stream of 100 elements, takes the first, waits for all, and drops the generator. */
  private static ObjectRef<byte[]> takeOneOfAHundred(IntSupplier count, int before) {
    ObjectRefGenerator<byte[]> generator = Ray.task(DroppedGeneratorTest::hundredKilobytes, 100).streaming().remote();
    ObjectRef<byte[]> first = generator.next();
    await(count, before + 100, false);
    return first;
  }

  @Test
  void elementsNeverHandedOutAreFreed() {
    ObjectStore store = NodeRuntime.currentOrDefault().objects().store();
    IntSupplier count = store::localObjectCount;
    int before = count.getAsInt();
    ObjectRef<byte[]> first = takeOneOfAHundred(count, before);
    await(count, before + 1, true); // the generator is unreachable: 99 elements go
    assertEquals(ObjectManager.INLINE_MAX + 1, first.get().length); // the one handed out stays
  }
}
