package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.WaitResult;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.exception.RayTimeoutException;
import org.rayonignite.config.RayConfig;

/** Objects: put, get, wait, and what values survive the trip. */
class ObjectTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 4.0)).objectStoreMemoryBytes(256L << 20).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  record Point(int x, int y) {}

  /** A user class: no Serializable, no no-arg constructor. */
  static final class Account {
    private final String owner;
    private final List<Long> history = new ArrayList<>();

    Account(String owner) {
      this.owner = owner;
    }
  }

  static int sum(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).sum();
  }

  static int sumOfRefs(List<ObjectRef<Integer>> refs) {
    return Ray.get(refs).stream().mapToInt(Integer::intValue).sum();
  }

  static byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) i;
    }
    return bytes;
  }

  static int checksum(byte[] bytes) {
    int sum = 0;
    for (byte b : bytes) {
      sum += b;
    }
    return sum;
  }

  @Test
  void putAndGetValuesOfManyKinds() {
    assertEquals(List.of(1, 2, 3), Ray.put(List.of(1, 2, 3)).get());
    assertEquals(new Point(1, 2), Ray.put(new Point(1, 2)).get());
    assertEquals(Map.of("a", 1), Ray.put(Map.of("a", 1)).get());
    assertArrayEquals(new int[] {1, 2}, Ray.put(new int[] {1, 2}).get());
    assertEquals("text", Ray.get(Ray.put("text")));
    assertEquals(null, Ray.put(null).get());
    Account account = new Account("ann");
    account.history.add(5L);
    Account copy = Ray.put(account).get();
    assertEquals("ann", copy.owner);
    assertEquals(List.of(5L), copy.history);
  }

  @Test
  void anObjectIsAValueCopiedAtPut() {
    List<Integer> list = new ArrayList<>(List.of(1, 2));
    ObjectRef<List<Integer>> ref = Ray.put(list);
    list.add(3);
    assertEquals(List.of(1, 2), ref.get());
    assertEquals(3, Ray.task(ObjectTest::sum, ref).remote().get());
  }

  /** A task that keeps the array it returned and changes it afterwards, as a buffer-reusing task may. */
  static final byte[] REUSED = new byte[16];

  static byte[] returnReused(int fill) {
    java.util.Arrays.fill(REUSED, (byte) fill);
    return REUSED;
  }

  static byte[] scribble(byte[] input) {
    input[0] = 99; // the task's argument is its own copy
    return input;
  }

  @Test
  void byteArraysAreValuesToo() {
    // byte[] objects are stored as they are (no serialization): check they are still values.
    for (int size : new int[] {16, 8 << 10, 256 << 10}) { // owner copy, inline, store
      byte[] original = bytes(size);
      byte[] expected = original.clone();
      ObjectRef<byte[]> ref = Ray.put(original);
      original[0] = 42;
      byte[] first = ref.get();
      assertArrayEquals(expected, first, "size " + size);
      first[1] = 42;
      assertArrayEquals(expected, ref.get(), "a get's array is the caller's own, size " + size);
      assertArrayEquals(expected, Ray.get(List.of(ref)).get(0));
      byte[] scribbled = Ray.task(ObjectTest::scribble, ref).remote().get();
      assertEquals(99, scribbled[0]);
      assertArrayEquals(expected, ref.get(), "a task's argument is its own copy, size " + size);
    }
    ObjectRef<byte[]> returned = Ray.task(ObjectTest::returnReused, 1).remote();
    byte[] one = returned.get();
    returnReused(2); // the task's array changes after it returned
    byte[] expectedOnes = new byte[16];
    java.util.Arrays.fill(expectedOnes, (byte) 1);
    assertArrayEquals(expectedOnes, one);
    assertArrayEquals(expectedOnes, returned.get());
    assertEquals(0, Ray.put(new byte[0]).get().length);
  }

  @Test
  void largeObjectsGoThroughTheStore() {
    byte[] big = bytes(3 << 20);
    ObjectRef<byte[]> ref = Ray.put(big);
    assertArrayEquals(big, ref.get());
    ObjectRef<byte[]> produced = Ray.task(ObjectTest::bytes, 1 << 20).remote();
    assertEquals(checksum(bytes(1 << 20)), Ray.task(ObjectTest::checksum, produced).remote().get());
  }

  @Test
  void refsInsideValuesCanBeGotByTasks() {
    List<ObjectRef<Integer>> refs = List.of(Ray.put(1), Ray.task(TaskTest::one, 2).remote(), Ray.put(3));
    assertEquals(6, Ray.task(ObjectTest::sumOfRefs, refs).remote().get());
    ObjectRef<List<ObjectRef<Integer>>> stored = Ray.put(refs);
    assertEquals(6, Ray.task(ObjectTest::sumOfRefs, stored).remote().get());
  }

  @Test
  void getOfAListKeepsOrder() {
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      refs.add(i % 2 == 0 ? Ray.put(i) : Ray.task(TaskTest::one, i).remote());
    }
    List<Integer> values = Ray.get(refs);
    for (int i = 0; i < 50; i++) {
      assertEquals(i, values.get(i));
    }
    assertEquals(values, Ray.get(refs, 10_000));
  }

  @Test
  void getTimesOut() {
    CountDownLatch never = new CountDownLatch(1);
    Latches.put("get-times-out", never);
    ObjectRef<String> ref = Ray.task(Latches::await, "get-times-out").remote();
    long start = System.nanoTime();
    assertThrows(RayTimeoutException.class, () -> Ray.get(ref, 200));
    assertThrows(RayTimeoutException.class, () -> ref.get(0));
    assertThrows(RayTimeoutException.class, () -> Ray.get(List.of(ref), 100));
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 300);
    never.countDown();
    assertEquals("get-times-out", ref.get());
  }

  @Test
  void waitReturnsAsSoonAsEnoughAreReadyInInputOrder() {
    CountDownLatch slow = new CountDownLatch(1);
    Latches.put("wait-slow", slow);
    ObjectRef<String> pending = Ray.task(Latches::await, "wait-slow").remote();
    ObjectRef<String> ready1 = Ray.put("a");
    ObjectRef<String> ready2 = Ray.put("b");
    List<ObjectRef<String>> refs = List.of(ready1, pending, ready2);

    WaitResult<String> one = Ray.wait(refs, 1);
    assertEquals(List.of(ready1), one.getReady());
    assertEquals(List.of(pending, ready2), one.getUnready());

    WaitResult<String> two = Ray.wait(refs, 2, 5_000);
    assertEquals(List.of(ready1, ready2), two.getReady());
    assertEquals(List.of(pending), two.getUnready());

    WaitResult<String> timedOut = Ray.wait(refs, 3, 200, false);
    assertEquals(List.of(ready1, ready2), timedOut.getReady());
    assertEquals(List.of(pending), timedOut.getUnready());

    WaitResult<String> noMinimum = Ray.wait(refs, 0, 100);
    assertEquals(2, noMinimum.getReady().size());

    slow.countDown();
    WaitResult<String> all = Ray.wait(refs);
    assertEquals(refs, all.getReady());
    assertTrue(all.getUnready().isEmpty());
  }

  @Test
  void waitCountsFailuresAsReady() {
    ObjectRef<Integer> failed = Ray.task(Failing::fail, "x").remote();
    WaitResult<Integer> result = Ray.wait(List.of(failed), 1, 10_000);
    assertEquals(List.of(failed), result.getReady());
    assertThrows(RayTaskException.class, failed::get);
  }

  @Test
  void waitRejectsBadArguments() {
    ObjectRef<Integer> ref = Ray.put(1);
    assertThrows(NullPointerException.class, () -> Ray.wait(null));
    assertThrows(IllegalArgumentException.class, () -> Ray.wait(List.of(ref), 2));
    assertThrows(IllegalArgumentException.class, () -> Ray.wait(List.of(ref, ref), 1));
    assertThrows(IllegalArgumentException.class, () -> Ray.wait(List.of(ref), -1));
  }

  @Test
  void waitOnAThousandReadyRefs() {
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      refs.add(Ray.put(i));
    }
    WaitResult<Integer> result = Ray.wait(refs, 1000, 10_000);
    assertEquals(1000, result.getReady().size());
    assertEquals(refs, result.getReady());
  }

  @Test
  void toCompletableFutureCompletesWithTheValueOrTheFailure() throws Exception {
    ObjectRef<Integer> ref = Ray.task(TaskTest::two, 4, 2).remote();
    assertEquals(42, ref.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertEquals(43, ref.toCompletableFuture().thenApply(v -> v + 1).get(10, TimeUnit.SECONDS));
    ObjectRef<Integer> failed = Ray.task(Failing::fail, "future").remote();
    ExecutionException error = assertThrows(ExecutionException.class,
        () -> failed.toCompletableFuture().get(10, TimeUnit.SECONDS));
    assertInstanceOf(RayTaskException.class, error.getCause());
  }

  @Test
  void refsAreValuesWithIds() {
    ObjectRef<Integer> a = Ray.put(1);
    ObjectRef<Integer> b = Ray.put(1);
    assertNotEquals(a.getId(), b.getId());
    assertEquals(a.getId(), ObjectId.fromHex(a.getId().toString()));
    assertEquals(Ray.getRuntimeContext().getCurrentNodeId(), a.getId().getOwnerNodeId());
    Map<ObjectRef<Integer>, String> byRef = new HashMap<>();
    byRef.put(a, "a");
    assertEquals("a", byRef.get(a));
  }
}
