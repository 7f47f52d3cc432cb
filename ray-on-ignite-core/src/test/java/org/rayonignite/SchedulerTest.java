package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RayTimeoutException;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * The scheduler over three JVMs: this driver (CPU=2, zone=d) and workers A (CPU=2, zone=a) and
 * B (CPU=2, zone=b). Nodes run no more tasks than their CPUs; infeasible tasks wait for a node;
 * SPREAD, node affinity, labels, cache-key affinity and data locality choose the node.
 */
class SchedulerTest {
  private static final String ADDRESS = TestClusters.address(48900);
  private static NodeProcess workerA;
  private static NodeProcess workerB;
  private static String driver;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2", "--labels", "zone=a"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=2", "--labels", "zone=b")));
    workerA = workers.get(0);
    workerB = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 2.0))
        .labels(Map.of("zone", "d")).objectStoreMemoryBytes(256L << 20).build());
    MultiJvmTest.awaitNodes(3);
    driver = Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    workerA.close();
    workerB.close();
  }

  private static Map<String, Integer> countByNode(List<String> nodes) {
    Map<String, Integer> counts = new HashMap<>();
    nodes.forEach(node -> counts.merge(node.split("/")[0], 1, Integer::sum));
    return counts;
  }

  @Test
  void aNodeNeverRunsMoreTasksAtOnceThanItsCpus() {
    List<ObjectRef<String>> refs = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      refs.add(Ray.task(Where::nodeAndConcurrency, 100).remote());
    }
    List<String> results = Ray.get(refs);
    for (String result : results) {
      assertTrue(Integer.parseInt(result.split("/")[1]) <= 2, "more than 2 at once: " + results);
    }
    assertEquals(3, countByNode(results).size(), "not all nodes were used: " + results);
  }

  @Test
  void twoDriversAtOnceNeverOvercommitANode() throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    command.addAll(List.of("-Xmx512m", "-Djava.net.preferIPv4Stack=true",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ignite=error", "-cp", NodeProcess.currentClasspath(),
        SecondDriver.class.getName(), ADDRESS, "40"));
    Process second = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      List<ObjectRef<String>> refs = new ArrayList<>();
      for (int i = 0; i < 80; i++) {
        refs.add(Ray.task(Where::nodeAndConcurrency, 100).remote());
      }
      List<String> results = new ArrayList<>(Ray.get(refs));
      String output = new String(second.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(second.waitFor(60, TimeUnit.SECONDS), output);
      assertEquals(0, second.exitValue(), output);
      output.lines().filter(line -> line.startsWith("RESULT ")).map(line -> line.substring(7))
          .forEach(results::add);
      assertEquals(120, results.size(), output);
      for (String result : results) {
        assertTrue(Integer.parseInt(result.split("/")[1]) <= 2, "more than 2 at once: " + results);
      }
    } finally {
      second.destroyForcibly();
    }
  }

  @Test
  void aRemoteInputIsFetchedOncePerNode() {
    NodeId a = workerA.nodeId();
    ObjectRef<byte[]> input = Ray.task(ObjectTest::bytes, 2 << 20)
        .setNodeAffinity(workerB.nodeId(), false).remote();
    Ray.wait(List.of(input), 1, -1, false);
    long before = reportedBytesFetched(a);
    List<ObjectRef<Integer>> readers = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      readers.add(Ray.task(Where::sizeOnNode, input).setNodeAffinity(a, false).remote());
    }
    Ray.get(readers).forEach(size -> assertEquals(2 << 20, size));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    long fetched;
    while ((fetched = reportedBytesFetched(a) - before) < 2 << 20 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(fetched >= 2 << 20 && fetched < 4 << 20, "node A fetched " + fetched + " bytes");
  }

  private static long reportedBytesFetched(NodeId node) {
    return RayState.bytesFetchedByNode().getOrDefault(node, 0L);
  }

  @Test
  void spreadUsesEveryNodeEvenly() {
    List<ObjectRef<String>> refs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      refs.add(Ray.task(Where::nodeAfter, 20).setSchedulingStrategy(SchedulingStrategy.SPREAD).remote());
    }
    Map<String, Integer> counts = countByNode(Ray.get(refs));
    assertEquals(3, counts.size(), counts.toString());
    int min = counts.values().stream().min(Integer::compare).orElseThrow();
    int max = counts.values().stream().max(Integer::compare).orElseThrow();
    assertTrue(max <= 2 * min, counts.toString());
  }

  @Test
  void anInfeasibleTaskWaitsAndRunsWhenANodeThatFitsJoins() {
    ObjectRef<String> needsGpu = Ray.task(Where::node).setResource("GPU", 1.0).remote();
    assertThrows(RayTimeoutException.class, () -> needsGpu.get(500));
    try (NodeProcess gpuNode = TestClusters.worker(ADDRESS, "--resources", "CPU=1,GPU=1").start()) {
      assertEquals(gpuNode.nodeId().toString(), needsGpu.get(60_000));
    }
    MultiJvmTest.awaitNodes(3);
  }

  @Test
  void nodeAffinityHardAndSoft() {
    NodeId a = workerA.nodeId();
    for (int i = 0; i < 5; i++) {
      assertEquals(a.toString(), Ray.task(Where::node).setNodeAffinity(a, false).remote().get());
    }
    NodeId unknown = NodeId.fromHex("00000000000000000000000000000001");
    RayException error = assertThrows(RayException.class,
        () -> Ray.task(Where::node).setNodeAffinity(unknown, false).remote().get(10_000));
    assertTrue(error.getMessage().contains(unknown.toString()), error.getMessage());
    assertNotEquals(unknown.toString(), Ray.task(Where::node).setNodeAffinity(unknown, true).remote().get());
    assertEquals(a.toString(), Ray.task(Where::node).setNodeAffinity(a, true).remote().get());
    // Soft affinity to a node that is full goes elsewhere instead of waiting for it.
    List<ObjectRef<String>> blockers = List.of(
        Ray.task(Where::nodeAfter, 3000).setNodeAffinity(a, false).remote(),
        Ray.task(Where::nodeAfter, 3000).setNodeAffinity(a, false).remote());
    awaitFreeCpu(a, 0.0);
    assertNotEquals(a.toString(), Ray.task(Where::node).setNodeAffinity(a, true).remote().get(2000));
    Ray.get(blockers);
  }

  @Test
  void labelSelectorsChooseNodes() {
    for (int i = 0; i < 4; i++) {
      assertEquals(workerA.nodeId().toString(),
          Ray.task(Where::node).setLabelSelector(Map.of("zone", "a")).remote().get());
      assertNotEquals(workerA.nodeId().toString(),
          Ray.task(Where::node).setLabelSelector(Map.of("zone", "!a")).remote().get());
      assertNotEquals(driver,
          Ray.task(Where::node).setLabelSelector(Map.of("zone", "in(a,b)")).remote().get());
      assertEquals(driver,
          Ray.task(Where::node).setLabelSelector(Map.of("zone", "!in(a,b)")).remote().get());
    }
    ObjectRef<String> nowhere = Ray.task(Where::node).setLabelSelector(Map.of("zone", "c")).remote();
    assertThrows(RayTimeoutException.class, () -> nowhere.get(300));
  }

  @Test
  void cacheKeyAffinityRunsWhereTheKeyLives() {
    Ignite ignite = Ignition.allGrids().get(0);
    IgniteCache<Integer, String> cache = ignite.getOrCreateCache(
        new CacheConfiguration<Integer, String>("scheduler-test-cache").setBackups(0));
    for (int key = 0; key < 40; key++) {
      cache.put(key, "value-" + key);
    }
    for (int key = 0; key < 40; key++) {
      String primary = ignite.affinity("scheduler-test-cache").mapKeyToNode(key).id().toString().replace("-", "");
      String result = Ray.task(Where::nodeHoldingKey, "scheduler-test-cache", key)
          .setAffinity("scheduler-test-cache", key).remote().get();
      assertEquals(primary, result.split("/")[0], "key " + key);
      assertEquals("true", result.split("/")[1], "key " + key + " was not local where the task ran");
    }
    assertThrows(RayException.class,
        () -> Ray.task(Where::node).setAffinity("no-such-cache", 1).remote().get(10_000));
  }

  @Test
  void aTaskRunsWhereItsLargeInputIsUnlessThatNodeIsFull() throws Exception {
    NodeId b = workerB.nodeId();
    ObjectRef<byte[]> input = Ray.task(ObjectTest::bytes, 10 << 20).setNodeAffinity(b, false).remote();
    Ray.wait(List.of(input), 1, -1, false); // ready, but not fetched here
    for (int i = 0; i < 3; i++) {
      assertEquals(b + "/" + (10 << 20), Ray.task(Where::nodeOfInput, input).remote().get());
    }
    TaskInfo consumer = RayState.listTasks().stream()
        .filter(t -> t.getName().equals("Where.nodeOfInput")).reduce((x, y) -> y).orElseThrow();
    assertTrue(consumer.isInputsLocal(), consumer.toString());
    assertEquals(0, consumer.getBytesFetched());

    // Fill B, then the same kind of task runs elsewhere (handed back or placed away) and still
    // reads the 10 MB input, long before B is free again.
    List<ObjectRef<String>> blockers = List.of(
        Ray.task(Where::nodeAfter, 4000).setNodeAffinity(b, false).remote(),
        Ray.task(Where::nodeAfter, 4000).setNodeAffinity(b, false).remote());
    awaitFreeCpu(b, 0.0);
    long start = System.nanoTime();
    String elsewhere = Ray.task(Where::nodeOfInput, input).remote().get(30_000);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertNotEquals(b.toString(), elsewhere.split("/")[0]);
    assertEquals(String.valueOf(10 << 20), elsewhere.split("/")[1]);
    assertTrue(tookMs < 3000, "waited " + tookMs + " ms for the busy node");
    TaskInfo moved = RayState.listTasks().stream()
        .filter(t -> t.getName().equals("Where.nodeOfInput")).reduce((x, y) -> y).orElseThrow();
    assertFalse(moved.isInputsLocal(), moved.toString());
    assertTrue(moved.getBytesFetched() >= 10 << 20, moved.toString());
    Ray.get(blockers);
  }

  private static void awaitFreeCpu(NodeId node, double cpu) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      NodeInfo info = Ray.getRuntimeContext().getAllNodeInfo().stream()
          .filter(n -> n.getNodeId().equals(node)).findFirst().orElseThrow();
      if (info.getAvailableResources().getOrDefault("CPU", -1.0) <= cpu) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("node " + node + " never reported CPU <= " + cpu + ": " + info);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void availableResourcesShowWhatIsFreeClusterWide() {
    awaitClusterFreeCpu(6.0);
    List<ObjectRef<String>> busy = List.of(
        Ray.task(Where::nodeAfter, 1500).setNodeAffinity(workerA.nodeId(), false).remote(),
        Ray.task(Where::nodeAfter, 1500).setNodeAffinity(workerA.nodeId(), false).remote());
    awaitFreeCpu(workerA.nodeId(), 0.0);
    assertEquals(4.0, Ray.getRuntimeContext().getAvailableResources().get("CPU"), 1e-9);
    Ray.get(busy);
    awaitClusterFreeCpu(6.0);
  }

  private static void awaitClusterFreeCpu(double cpu) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Math.abs(Ray.getRuntimeContext().getAvailableResources().get("CPU") - cpu) > 1e-9) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("free CPUs never reached " + cpu + ": "
            + Ray.getRuntimeContext().getAvailableResources());
      }
      Thread.onSpinWait();
    }
  }

  static long square(int x) {
    return (long) x * x;
  }

  @Test
  void aHundredThousandTasksAtOnce() {
    int count = 100_000;
    List<ObjectRef<Long>> refs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      refs.add(Ray.task(SchedulerTest::square, i).remote());
    }
    long sum = 0;
    for (long value : Ray.get(refs)) {
      sum += value;
    }
    long expected = 0;
    for (int i = 0; i < count; i++) {
      expected += (long) i * i;
    }
    assertEquals(expected, sum);
  }
}
