package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RaySerializationException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.exception.RayTimeoutException;
import org.rayonignite.api.function.RayFunc0;
import org.rayonignite.api.function.RayFunc1;
import org.rayonignite.config.RayConfig;

/** Tasks on an embedded one-node cluster with 4 CPUs. */
class TaskTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 4.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static int zero() {
    return 0;
  }

  static int one(int a) {
    return a;
  }

  static int two(int a, int b) {
    return a * 10 + b;
  }

  static int three(int a, int b, int c) {
    return (a * 10 + b) * 10 + c;
  }

  static int four(int a, int b, int c, int d) {
    return three(a, b, c) * 10 + d;
  }

  static int five(int a, int b, int c, int d, int e) {
    return four(a, b, c, d) * 10 + e;
  }

  static int six(int a, int b, int c, int d, int e, int f) {
    return five(a, b, c, d, e) * 10 + f;
  }

  private static String privateGreeting(String name) {
    return "hello " + name;
  }

  static final AtomicInteger SIDE_EFFECTS = new AtomicInteger();

  static void sideEffect(int amount) {
    SIDE_EFFECTS.addAndGet(amount);
  }

  @Test
  void everyArityWithValuesAndRefs() {
    assertEquals(0, Ray.task(TaskTest::zero).remote().get());
    assertEquals(1, Ray.task(TaskTest::one, 1).remote().get());
    assertEquals(12, Ray.task(TaskTest::two, 1, 2).remote().get());
    assertEquals(123, Ray.task(TaskTest::three, 1, 2, 3).remote().get());
    assertEquals(1234, Ray.task(TaskTest::four, 1, 2, 3, 4).remote().get());
    assertEquals(12345, Ray.task(TaskTest::five, 1, 2, 3, 4, 5).remote().get());
    assertEquals(123456, Ray.task(TaskTest::six, 1, 2, 3, 4, 5, 6).remote().get());
    ObjectRef<Integer> two = Ray.put(2);
    ObjectRef<Integer> four = Ray.task(TaskTest::one, 4).remote();
    assertEquals(123456, Ray.task(TaskTest::six, 1, two, 3, four, 5, Ray.put(6)).remote().get());
    assertEquals(12, Ray.task(TaskTest::two, Ray.put(1), two).remote().get());
  }

  @Test
  void voidTasksResolveToNullAfterRunning() {
    int before = SIDE_EFFECTS.get();
    ObjectRef<Void> done = Ray.task(TaskTest::sideEffect, 5).remote();
    assertNull(done.get());
    assertEquals(before + 5, SIDE_EFFECTS.get());
  }

  @Test
  void privateMethodsInstanceMethodsAndLambdas() {
    assertEquals("hello ray", Ray.task(TaskTest::privateGreeting, "ray").remote().get());
    assertEquals(3, Ray.task(String::length, "abc").remote().get());
    int captured = 41;
    RayFunc0<Integer> lambda = () -> captured + 1;
    assertEquals(42, Ray.task(lambda).remote().get());
    RayFunc1<List<String>, Integer> size = List::size;
    assertEquals(2, Ray.task(size, List.of("a", "b")).remote().get());
    RayFunc1<Integer, Integer> anonymous = new RayFunc1<>() {
      @Override
      public Integer apply(Integer x) {
        return x * 3;
      }
    };
    assertEquals(9, Ray.task(anonymous, 3).remote().get());
  }

  @Test
  void remoteReturnsBeforeTheTaskRuns() throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Latches.put("remote-returns", release);
    ObjectRef<String> ref = Ray.task(Latches::await, "remote-returns").remote();
    assertThrows(RayTimeoutException.class, () -> ref.get(100));
    release.countDown();
    assertEquals("remote-returns", ref.get(10_000));
  }

  static final java.util.Set<String> STARTED = java.util.concurrent.ConcurrentHashMap.newKeySet();

  static String recordStart(String input, String name) {
    STARTED.add(name);
    return input + "->" + name;
  }

  @Test
  void aTaskNeverStartsBeforeItsInputsExist() {
    CountDownLatch release = new CountDownLatch(1);
    Latches.put("inputs-first", release);
    ObjectRef<String> input = Ray.task(Latches::await, "inputs-first").remote();
    ObjectRef<String> downstream = Ray.task(TaskTest::recordStart, input, "downstream").remote();
    assertThrows(RayTimeoutException.class, () -> downstream.get(300));
    assertTrue(STARTED.isEmpty(), "started before its input existed: " + STARTED);
    release.countDown();
    assertEquals("inputs-first->downstream", downstream.get(10_000));
    assertEquals(java.util.Set.of("downstream"), STARTED);
  }

  @Test
  void tasksRunInParallelUpToTheNodesCpus() {
    long start = System.nanoTime();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      refs.add(Ray.task(Sleepy::sleepAndCount, 1000).remote());
    }
    Ray.get(refs);
    long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(elapsedMs < 3500, "4 one-second tasks on 4 CPUs took " + elapsedMs + " ms");
    assertEquals(4, Sleepy.MAX_CONCURRENT.get());
  }

  @Test
  void aNodeNeverRunsMoreTasksThanItsCpus() {
    Sleepy.reset();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      refs.add(Ray.task(Sleepy::awaitPeers, 4, 5_000).remote());
    }
    Ray.get(refs);
    assertEquals(4, Sleepy.MAX_CONCURRENT.get());
    Sleepy.reset();
    refs.clear();
    for (int i = 0; i < 12; i++) {
      refs.add(Ray.task(Sleepy::awaitPeers, 2, 5_000).setResource("CPU", 2.0).remote());
    }
    Ray.get(refs);
    assertEquals(2, Sleepy.MAX_CONCURRENT.get());
    Sleepy.reset();
    refs.clear();
    for (int i = 0; i < 16; i++) {
      refs.add(Ray.task(Sleepy::awaitPeers, 8, 5_000).setResource("CPU", 0.5).remote());
    }
    Ray.get(refs);
    assertEquals(8, Sleepy.MAX_CONCURRENT.get());
  }

  @Test
  void aTaskThatThrowsFailsGetWithTheOriginalCause() {
    ObjectRef<Integer> ref = Ray.task(Failing::fail, "boom").remote();
    RayTaskException error = assertThrows(RayTaskException.class, ref::get);
    assertInstanceOf(IllegalStateException.class, error.getCause());
    assertEquals("boom", error.getCause().getMessage());
    assertTrue(error.getMessage().contains("Failing.fail"), error.getMessage());
    assertTrue(error.getMessage().contains(Ray.getRuntimeContext().getCurrentNodeId().toString()),
        error.getMessage());
    assertTrue(error.getCause().getStackTrace().length > 0);
    assertEquals("fail", error.getCause().getStackTrace()[0].getMethodName());
  }

  @Test
  void aFailedInputFailsTheTasksThatUseIt() {
    ObjectRef<Integer> failed = Ray.task(Failing::fail, "input broke").remote();
    ObjectRef<Integer> downstream = Ray.task(TaskTest::one, failed).remote();
    ObjectRef<Integer> further = Ray.task(TaskTest::two, downstream, 1).remote();
    RayTaskException error = assertThrows(RayTaskException.class, further::get);
    Throwable root = error;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    assertInstanceOf(IllegalStateException.class, root);
    assertEquals("input broke", root.getMessage());
  }

  @Test
  void checkedExceptionsWork() {
    RayTaskException error = assertThrows(RayTaskException.class,
        () -> Ray.task(Failing::checked).remote().get());
    assertInstanceOf(java.io.IOException.class, error.getCause());
  }

  @Test
  void argumentsThatCannotBeSerializedFailInRemote() {
    RaySerializationException error = assertThrows(RaySerializationException.class,
        () -> Ray.task(TaskTest::describe, new Holder(InputStream.nullInputStream())).remote());
    assertTrue(error.getMessage().contains("InputStream"), error.getMessage());
    Runnable notSerializable = () -> { };
    RaySerializationException lambda = assertThrows(RaySerializationException.class,
        () -> Ray.task(TaskTest::describe, notSerializable).remote());
    assertTrue(lambda.getMessage().contains("lambda"), lambda.getMessage());
    // The cluster keeps working.
    assertEquals(7, Ray.task(TaskTest::one, 7).remote().get());
  }

  @Test
  void returnValuesThatCannotBeSerializedFailGet() {
    ObjectRef<Thread> ref = Ray.task(Thread::currentThread).remote();
    RaySerializationException error = assertThrows(RaySerializationException.class, ref::get);
    assertTrue(error.getMessage().contains("java.lang.Thread"), error.getMessage());
  }

  @Test
  void aNullFunctionIsRejected() {
    NullPointerException error = assertThrows(NullPointerException.class,
        () -> Ray.task((RayFunc0<Integer>) null).remote());
    assertTrue(error.getMessage().contains("function"), error.getMessage());
  }

  @Test
  void nestedTasksAndNestedGets() {
    assertEquals(55, Ray.task(Recursion::fibonacci, 10).remote().get());
    assertEquals(List.of(1, 4, 9), Ray.task(Recursion::squaresThroughChildren, 3).remote().get());
  }

  @Test
  void multipleReturns() {
    List<ObjectRef<Integer>> refs = Ray.task(TaskTest::threeValues).setNumReturns(3).remote();
    assertEquals(3, refs.size());
    assertEquals(List.of(1, 2, 3), Ray.get(refs));
    List<ObjectRef<Integer>> wrongCount = Ray.task(TaskTest::threeValues).setNumReturns(2).remote();
    RayTaskException error = assertThrows(RayTaskException.class, () -> wrongCount.get(0).get());
    assertTrue(error.getMessage().contains("3") && error.getMessage().contains("2"), error.getMessage());
  }

  @Test
  void aHundredThousandTasksAtOnceOnOneNode() {
    int count = 100_000;
    List<ObjectRef<Integer>> refs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      refs.add(Ray.task(TaskTest::one, i).remote());
    }
    long sum = 0;
    for (int value : Ray.get(refs)) {
      sum += value;
    }
    assertEquals((long) count * (count - 1) / 2, sum);
  }

  static List<Integer> threeValues() {
    return List.of(1, 2, 3);
  }

  static String describe(Object value) {
    return String.valueOf(value);
  }

  /** A value holding something that cannot leave its JVM. */
  static final class Holder {
    final InputStream stream;

    Holder(InputStream stream) {
      this.stream = stream;
    }
  }
}
