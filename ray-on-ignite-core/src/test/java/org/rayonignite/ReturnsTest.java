package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskState;

/** Tasks and actor methods that return several objects, on an embedded cluster. */
class ReturnsTest {
  static final AtomicInteger EFFECTS = new AtomicInteger();

  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 4.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static Integer[] asArray(int n) {
    Integer[] values = new Integer[n];
    for (int i = 0; i < n; i++) {
      values[i] = i * 10;
    }
    return values;
  }

  static Iterator<String> asIterator(int n) {
    return java.util.stream.IntStream.range(0, n).mapToObj(i -> "v" + i).iterator();
  }

  static List<Integer> asList(int n) {
    return java.util.stream.IntStream.range(0, n).boxed().toList();
  }

  /** {@code n} objects of 1 MiB, each filled with its index. */
  static List<byte[]> megabytes(int n) {
    List<byte[]> parts = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      byte[] part = new byte[1 << 20];
      java.util.Arrays.fill(part, (byte) i);
      parts.add(part);
    }
    return parts;
  }

  static List<Object> effect() {
    EFFECTS.incrementAndGet();
    return List.of();
  }

  /** An actor whose method returns two objects. */
  public static final class Pair {
    private int calls;

    public Pair() {}

    public List<Integer> next() {
      calls++;
      return List.of(calls, -calls);
    }
  }

  @Test
  void listsArraysAndIteratorsBecomeOneObjectPerElement() {
    assertEquals(List.of(0, 1, 2, 3), Ray.get(Ray.task(ReturnsTest::asList, 4).setNumReturns(4).remote()));
    assertEquals(List.of(0, 10, 20), Ray.get(Ray.task(ReturnsTest::asArray, 3).setNumReturns(3).remote()));
    List<ObjectRef<String>> fromIterator = Ray.task(ReturnsTest::asIterator, 5).setNumReturns(5).remote();
    assertEquals(5, fromIterator.size());
    assertEquals("v4", fromIterator.get(4).get());
    assertEquals(List.of("v0", "v1", "v2", "v3", "v4"), Ray.get(fromIterator));
  }

  @Test
  void oneReturnIsAPlainTask() {
    List<ObjectRef<List<Integer>>> one = Ray.task(ReturnsTest::asList, 2).setNumReturns(1).remote();
    assertEquals(1, one.size());
    assertEquals(List.of(0, 1), one.get(0).get()); // the value itself, as without setNumReturns
  }

  @Test
  void zeroReturnsRunForTheEffectAndFinish() {
    int before = EFFECTS.get();
    List<ObjectRef<Object>> none = Ray.task(ReturnsTest::effect).setNumReturns(0).remote();
    assertTrue(none.isEmpty());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (CancelTest.countIn(TaskState.FINISHED, "ReturnsTest.effect") == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(1, CancelTest.countIn(TaskState.FINISHED, "ReturnsTest.effect"));
    assertEquals(before + 1, EFFECTS.get());
  }

  @Test
  void aCountMismatchFailsEveryRefNamingBothCounts() {
    List<ObjectRef<Integer>> refs = Ray.task(ReturnsTest::asList, 3).setNumReturns(5).remote();
    for (ObjectRef<Integer> ref : refs) {
      RayTaskException error = assertThrows(RayTaskException.class, ref::get);
      assertTrue(error.getMessage().contains("3") && error.getMessage().contains("5"), error.getMessage());
    }
  }

  @Test
  void actorMethodsReturnSeveralObjects() {
    ActorHandle<Pair> pair = Ray.actor(Pair::new).remote();
    List<ObjectRef<Integer>> first = pair.task(Pair::next).setNumReturns(2).remote();
    List<ObjectRef<Integer>> second = pair.task(Pair::next).setNumReturns(2).remote();
    assertEquals(List.of(1, -1), Ray.get(first));
    assertEquals(List.of(2, -2), Ray.get(second));
  }
}
