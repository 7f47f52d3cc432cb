package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.api.placement.PlacementGroupState;
import org.rayonignite.api.placement.PlacementStrategy;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/** Placement groups over three JVMs (this driver and workers A and B, 2 CPUs each). */
class PlacementGroupMultiJvmTest {
  private static final String ADDRESS = TestClusters.address(49100);
  private static final Map<String, Double> ONE_CPU = Map.of("CPU", 1.0);
  private static NodeProcess workerA;
  private static NodeProcess workerB;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=2")));
    workerA = workers.get(0);
    workerB = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 2.0)).build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    workerA.close();
    workerB.close();
  }

  /** A failed test leaves no group behind to take the next test's resources. */
  @AfterEach
  void removeLeftovers() {
    for (PlacementGroup group : PlacementGroups.getAllPlacementGroups()) {
      if (group.getState() != PlacementGroupState.REMOVED) {
        PlacementGroups.removePlacementGroup(group.getId());
      }
    }
  }

  private static PlacementGroup create(PlacementStrategy strategy, int bundles, double cpu) {
    return PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
        .setBundles(IntStream.range(0, bundles).mapToObj(i -> Map.of("CPU", cpu)).toList())
        .setStrategy(strategy).build());
  }

  /** The node each bundle runs a task on. */
  private static List<String> bundleNodes(PlacementGroup pg) {
    List<String> nodes = new ArrayList<>();
    for (int i = 0; i < pg.getBundles().size(); i++) {
      nodes.add(Ray.task(Where::node).setResource("CPU", 0.0).setPlacementGroup(pg, i).remote().get());
    }
    return nodes;
  }

  /** The number of distinct nodes a fresh group of this shape uses; the group is removed after. */
  private static int nodesUsed(PlacementStrategy strategy, int bundles, double cpu) {
    awaitFreeCpu(6.0); // the nodes' reports of the last group's release have arrived
    PlacementGroup pg = create(strategy, bundles, cpu);
    try {
      assertTrue(pg.wait(30));
      return new HashSet<>(bundleNodes(pg)).size();
    } finally {
      PlacementGroups.removePlacementGroup(pg.getId());
    }
  }

  @Test
  void strategiesPlaceBundlesAsRayDoes() {
    assertEquals(3, nodesUsed(PlacementStrategy.STRICT_SPREAD, 3, 1.0));
    assertEquals(1, nodesUsed(PlacementStrategy.STRICT_PACK, 2, 1.0));
    assertEquals(3, nodesUsed(PlacementStrategy.SPREAD, 3, 0.25));
    assertEquals(2, nodesUsed(PlacementStrategy.SPREAD, 2, 0.25));
    assertEquals(1, nodesUsed(PlacementStrategy.PACK, 2, 0.25));
    assertEquals(2, nodesUsed(PlacementStrategy.PACK, 3, 1.0)); // does not fit one node: spills
    PlacementGroup impossible = create(PlacementStrategy.STRICT_PACK, 3, 1.0);
    try {
      assertFalse(impossible.wait(1)); // no node has 3 CPUs
    } finally {
      PlacementGroups.removePlacementGroup(impossible.getId());
    }
    awaitFreeCpu(6.0);
  }

  @Test
  void aGroupThatNeedsMoreNodesIsCreatedWhenOneJoins() {
    PlacementGroup pg = create(PlacementStrategy.STRICT_SPREAD, 4, 1.0);
    try {
      assertFalse(pg.wait(1));
      try (NodeProcess extra = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start()) {
        assertTrue(pg.wait(60));
        assertTrue(bundleNodes(pg).contains(extra.nodeId().toString()));
      }
    } finally {
      PlacementGroups.removePlacementGroup(pg.getId());
    }
    MultiJvmTest.awaitNodes(3);
  }

  @Test
  void racingGroupsNeverOvercommitANode() throws Exception {
    Process second = startGroupDriver(25, 0.5);
    ConcurrentLinkedQueue<PlacementGroup> mine = new ConcurrentLinkedQueue<>();
    List<Thread> creators = new ArrayList<>();
    for (int t = 0; t < 5; t++) {
      Thread creator = new Thread(() -> {
        for (int i = 0; i < 5; i++) {
          mine.add(create(PlacementStrategy.PACK, 1, 0.5));
        }
      });
      creators.add(creator);
      creator.start();
    }
    for (Thread creator : creators) {
      creator.join();
    }
    String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(second.waitFor(60, TimeUnit.SECONDS), output);
    Set<PlacementGroupId> all = new HashSet<>();
    mine.forEach(g -> all.add(g.getId()));
    output.lines().filter(l -> l.startsWith("GROUP ")).forEach(l -> all.add(PlacementGroupId.fromHex(l.substring(6))));
    assertEquals(50, all.size(), output);
    // 6 CPUs in all, 0.5 per group: exactly 12 fit; every node stays within its total.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (created(all) < 12 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertEquals(12, created(all));
    for (NodeInfo node : Ray.getRuntimeContext().getAllNodeInfo()) {
      assertTrue(node.getAvailableResources().get("CPU") >= -1e-9, node.toString());
    }
    // Freeing room lets the pending ones in, until every group was created once.
    Set<PlacementGroupId> everCreated = new HashSet<>();
    deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (everCreated.size() < 50 && System.nanoTime() < deadline) {
      for (PlacementGroupId id : all) {
        PlacementGroup group = PlacementGroups.getPlacementGroup(id);
        if (group.getState() == PlacementGroupState.CREATED) {
          everCreated.add(id);
          PlacementGroups.removePlacementGroup(id);
        }
      }
    }
    assertEquals(50, everCreated.size());
    awaitFreeCpu(6.0);
  }

  private static long created(Set<PlacementGroupId> ids) {
    return ids.stream().filter(id -> PlacementGroups.getPlacementGroup(id).getState()
        == PlacementGroupState.CREATED).count();
  }

  private static Process startGroupDriver(int groups, double cpu) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    command.addAll(List.of("-Xmx512m", "-Djava.net.preferIPv4Stack=true",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ignite=error", "-cp", NodeProcess.currentClasspath(),
        GroupDriver.class.getName(), ADDRESS, String.valueOf(groups), String.valueOf(cpu)));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void bundlesOnADeadNodeArePlacedAgainWithTheirActors() {
    NodeProcess doomed = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start();
    try {
      MultiJvmTest.awaitNodes(4);
      awaitFreeCpu(7.0);
      PlacementGroup pg = create(PlacementStrategy.STRICT_SPREAD, 4, 1.0);
      assertTrue(pg.wait(30), "not created: " + pg.getState() + " " + Ray.getRuntimeContext().getAllNodeInfo());
      int onDoomed = bundleNodes(pg).indexOf(doomed.nodeId().toString());
      assertTrue(onDoomed >= 0);
      ActorHandle<Counter> actor = Ray.actor(Counter::new, 5).setMaxRestarts(1)
          .setPlacementGroup(pg, onDoomed).remote();
      assertEquals(6, actor.task(Counter::increment).remote().get());
      doomed.kill();
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (pg.getState() == PlacementGroupState.CREATED && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(PlacementGroupState.RESCHEDULING, pg.getState());
      try (NodeProcess replacement = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start()) {
        assertTrue(pg.wait(60));
        assertEquals(replacement.nodeId().toString(), bundleNodes(pg).get(onDoomed));
        assertEquals(6, actor.task(Counter::increment).remote().get(60_000));
        PlacementGroups.removePlacementGroup(pg.getId());
      }
    } finally {
      doomed.close();
    }
    MultiJvmTest.awaitNodes(3);
  }

  private static void awaitFreeCpu(double cpu) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (Math.abs(Ray.getRuntimeContext().getAvailableResources().get("CPU") - cpu) > 1e-9) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("free CPU never reached " + cpu + ": " + Ray.getRuntimeContext().getAllNodeInfo());
      }
      Thread.onSpinWait();
    }
  }
}
