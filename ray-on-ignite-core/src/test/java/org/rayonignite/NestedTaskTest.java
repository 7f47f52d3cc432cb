package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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

  @Test
  void recursiveFibonacciOnOneCpu() {
    assertEquals(6765, Ray.task(Recursion::fibonacci, 20).remote().get());
  }
}
