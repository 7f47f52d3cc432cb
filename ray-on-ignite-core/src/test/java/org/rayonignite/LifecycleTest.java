package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.isolated.IsolatedDiscoverySpi;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.config.RayConfig;

/** init, shutdown, and what they leave behind. */
class LifecycleTest {
  @Test
  void callsBeforeInitSayToCallInit() {
    assertFalse(Ray.isInitialized());
    IllegalStateException error = assertThrows(IllegalStateException.class,
        () -> Ray.task(TaskTest::zero).remote());
    assertTrue(error.getMessage().contains("Ray.init()"), error.getMessage());
    assertThrows(IllegalStateException.class, () -> Ray.put(1));
    assertThrows(IllegalStateException.class, Ray::getRuntimeContext);
    assertThrows(IllegalStateException.class, () -> Ray.wait(List.of()));
  }

  @Test
  void initTwiceIsANoOpAndShutdownIsIdempotent() throws InterruptedException {
    runtimeThreads(); // let threads of nodes stopped by earlier tests in this JVM end
    Set<String> threadsBefore = nonDaemonThreads();
    Ray.init();
    Object nodeId = Ray.getRuntimeContext().getCurrentNodeId();
    Ray.init();
    Ray.init(RayConfig.builder().build());
    assertEquals(nodeId, Ray.getRuntimeContext().getCurrentNodeId());
    assertEquals(1, Ray.task(TaskTest::one, 1).remote().get());
    Ray.shutdown();
    Ray.shutdown();
    assertFalse(Ray.isInitialized());
    assertTrue(Ignition.allGrids().isEmpty(), "Ignite nodes left: " + Ignition.allGrids());
    assertEquals(Set.of(), runtimeThreads(), "threads of Ray or its Ignite node are still alive");
    assertEquals(threadsBefore, nonDaemonThreads());
  }

  @Test
  void initWorksAgainAfterShutdownAndOldRefsFailClearly() {
    Ray.init();
    ObjectRef<Integer> old = Ray.put(5);
    Ray.shutdown();
    Ray.init();
    try {
      RayException error = assertThrows(RayException.class, old::get);
      assertTrue(error.getMessage().contains("shut down"), error.getMessage());
      assertEquals(6, Ray.task(TaskTest::one, 6).remote().get());
    } finally {
      Ray.shutdown();
    }
  }

  @Test
  void embeddedNodeHasTheAvailableCoresAsCpus() {
    Ray.init();
    try {
      Map<String, Double> resources = Ray.getRuntimeContext().getAllNodeInfo().get(0).getResources();
      assertEquals((double) Runtime.getRuntime().availableProcessors(), resources.get("CPU"));
    } finally {
      Ray.shutdown();
    }
  }

  @Test
  void initOnAnIgniteNodeTheApplicationStartedLeavesItRunning() {
    IgniteConfiguration cfg = new IgniteConfiguration().setIgniteInstanceName("app-node")
        .setDiscoverySpi(new IsolatedDiscoverySpi()).setLocalHost("127.0.0.1")
        .setPeerClassLoadingEnabled(true).setGridLogger(new org.apache.ignite.logger.slf4j.Slf4jLogger())
        .setUserAttributes(Map.of("ray.resources.CPU", "3", "ray.resources.GPU", "1", "ray.labels.zone", "x"));
    try (Ignite ignite = Ignition.start(cfg)) {
      Ray.init(ignite);
      assertEquals(Map.of("CPU", 3.0, "GPU", 1.0),
          Ray.getRuntimeContext().getAllNodeInfo().get(0).getResources());
      assertEquals(Map.of("zone", "x"), Ray.getRuntimeContext().getAllNodeInfo().get(0).getLabels());
      assertEquals(9, Ray.task(TaskTest::one, 9).remote().get());
      assertEquals(List.of(2), Ray.put(List.of(2)).get());
      Ray.shutdown();
      assertEquals(1, ignite.cluster().nodes().size());
      assertTrue(ignite.cache("ray-objects") != null);
    }
  }

  @Test
  void systemPropertiesConfigureInit() {
    System.setProperty("ray.namespace", "from-props");
    System.setProperty("ray.resources", "CPU=3,widgets=2");
    try {
      Ray.init();
      assertEquals("from-props", Ray.getRuntimeContext().getNamespace());
      Map<String, Double> resources = Ray.getRuntimeContext().getAllNodeInfo().get(0).getResources();
      assertEquals(3.0, resources.get("CPU"));
      assertEquals(2.0, resources.get("widgets"));
    } finally {
      System.clearProperty("ray.namespace");
      System.clearProperty("ray.resources");
      Ray.shutdown();
    }
  }

  /**
   * Threads of our pools (ray-task-*, ray-io-*) or of the Ignite node Ray started (named after
   * it) still alive once each had up to 10 s to end.
   */
  private static Set<String> runtimeThreads() throws InterruptedException {
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      if (isRuntimeThread(thread.getName())) {
        thread.join(Math.max(1, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
      }
    }
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(LifecycleTest::isRuntimeThread)
        .collect(Collectors.toSet());
  }

  private static boolean isRuntimeThread(String name) {
    return name.startsWith("ray-task-") || name.startsWith("ray-io-") || name.contains("%ray-node-");
  }

  private static Set<String> nonDaemonThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && !t.isDaemon())
        .map(Thread::getName)
        .collect(Collectors.toSet());
  }
}
