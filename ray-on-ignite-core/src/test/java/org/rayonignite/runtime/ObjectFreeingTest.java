package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.config.RayConfig;
import org.rayonignite.objectstore.ObjectStore;

/** Stored objects this process owns are freed once nothing here can reach them. */
class ObjectFreeingTest {
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 1.0)).objectStoreMemoryBytes(256L << 20).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static byte[] large(int seed) {
    byte[] bytes = new byte[ObjectManager.INLINE_MAX + 1];
    bytes[0] = (byte) seed;
    return bytes;
  }

  static int first(byte[] bytes) {
    return bytes[0];
  }

  static int blockUntilReleased() throws InterruptedException {
    return RELEASE.await(30, TimeUnit.SECONDS) ? 1 : 0;
  }

  @Test
  void droppedObjectsLeaveTheStoreAndHeldOnesStay() throws Exception {
    ObjectStore store = NodeRuntime.currentOrDefault().objects().store();
    IntSupplier count = store::localObjectCount;
    int before = count.getAsInt();
    ObjectRef<byte[]> kept = Ray.put(large(7)); // stored: puts of up to 4 KiB stay on the heap
    // 20,000 puts of 10 KB (200 MB through a 256 MB store): only possible if dropped ones go.
    putAndDrop(20_000, 5_000);
    // A large task result nobody holds, and one somebody does.
    Ray.task(ObjectFreeingTest::large, 1).remote().get();
    ObjectRef<byte[]> keptResult = Ray.task(ObjectFreeingTest::large, 2).remote();
    keptResult.get();
    // An argument of a task still queued (the only CPU is busy): its caller drops the ref.
    ObjectRef<Integer> blocker = Ray.task(ObjectFreeingTest::blockUntilReleased).remote();
    ObjectRef<Integer> consumer = consumerOfADroppedRef();
    awaitCount(count, before + 3, "the kept put, the kept result, the queued task's argument");
    RELEASE.countDown();
    assertEquals(1, blocker.get());
    assertEquals(3, consumer.get());
    awaitCount(count, before + 2, "the kept put and the kept result");
    assertEquals(7, kept.get()[0]);
    assertEquals(2, keptResult.get()[0]);
  }

  /** Puts {@code count} values of 10 KiB and drops them, collecting garbage every {@code gcEvery}. */
  private static void putAndDrop(int count, int gcEvery) {
    for (int i = 0; i < count; i++) {
      byte[] value = new byte[10 << 10];
      value[0] = (byte) i;
      Ray.put(value);
      if (i % gcEvery == gcEvery - 1) {
        System.gc(); // the JVM decides when it notices dropped refs; a small test heap may not need to
      }
    }
  }

  private static ObjectRef<Integer> consumerOfADroppedRef() {
    ObjectRef<byte[]> input = Ray.put(large(3));
    return Ray.task(ObjectFreeingTest::first, input).remote();
  }

  /** Waits (collecting garbage) until the store holds {@code expected} objects; fails after 30 s. */
  private static void awaitCount(IntSupplier count, int expected, String what) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count.getAsInt() != expected && System.nanoTime() < deadline) {
      System.gc();
      NodeRuntime.currentOrDefault().objects().freeUnreachable();
      Thread.sleep(20); // garbage collection and the store's asynchronous removal: nothing to wait on
    }
    assertEquals(expected, count.getAsInt(), "objects in the store: " + what);
  }

  @Test
  void aHundredThousandDroppedPutsLeaveTheStoreAsItWas() throws Exception {
    ObjectStore store = NodeRuntime.currentOrDefault().objects().store();
    int before = store.localObjectCount();
    long bytesBefore = store.usedBytes();
    assertTrue(bytesBefore > 0, "the store's data region reports the bytes it uses");
    putAndDrop(100_000, 20_000);
    // Objects another test left may go meanwhile too: the count ends at most where it began.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (store.localObjectCount() > before && System.nanoTime() < deadline) {
      System.gc();
      NodeRuntime.currentOrDefault().objects().freeUnreachable();
      Thread.sleep(20); // garbage collection and the store's asynchronous removal: nothing to wait on
    }
    assertTrue(store.localObjectCount() <= before, store.localObjectCount() + " objects, " + before + " before");
    long bytesAfter = store.usedBytes();
    assertTrue(bytesAfter <= bytesBefore + bytesBefore / 100,
        "store bytes in use: " + bytesBefore + " before, " + bytesAfter + " after 100,000 dropped puts");
  }
}
