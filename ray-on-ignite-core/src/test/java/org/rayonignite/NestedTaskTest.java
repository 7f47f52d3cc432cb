package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.config.RayConfig;

/** A task blocked in get gives its CPU back, so recursion cannot deadlock a 1-CPU node. */
class NestedTaskTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 1.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static int childThroughTimedGet(int depth) {
    if (depth == 0) {
      return 0;
    }
    return Ray.task(NestedTaskTest::childThroughTimedGet, depth - 1).remote().get(60_000) + 1;
  }

  static int childThroughWait(int depth) {
    if (depth == 0) {
      return 0;
    }
    ObjectRef<Integer> child = Ray.task(NestedTaskTest::childThroughWait, depth - 1).remote();
    Ray.wait(List.of(child));
    return Ray.get(child) + 1;
  }

  @Test
  void aTaskBlockedInGetOrWaitGivesItsCpuToOthers() {
    // Timed gets and waits never run the child inline: the parent's CPU must go back to the node.
    assertEquals(5, Ray.task(NestedTaskTest::childThroughTimedGet, 5).remote().get(60_000));
    assertEquals(5, Ray.task(NestedTaskTest::childThroughWait, 5).remote().get(60_000));
  }

  @Test
  void recursiveFibonacciOnOneCpu() {
    long start = System.nanoTime();
    assertEquals(6765, Ray.task(Recursion::fibonacci, 20).remote().get());
    System.out.printf("fib(20) through 21,891 nested tasks: %.1f s, peak threads %d%n",
        (System.nanoTime() - start) / 1e9, java.lang.management.ManagementFactory.getThreadMXBean().getPeakThreadCount());
  }
}
