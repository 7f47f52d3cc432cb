package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Cluster metadata lives in Ignite caches, not on a head node: killing (SIGKILL) the first node,
 * the one the others joined through, leaves named actors findable and the cluster working.
 */
class SeedNodeLossTest {
  private static final String ADDRESS = TestClusters.address(49520);
  private static NodeProcess seed;
  private static NodeProcess other;

  @BeforeAll
  static void start() {
    seed = TestClusters.worker(ADDRESS, "--resources", "CPU=1", "--port", "49520").start();
    other = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(128L << 20).build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(seed, other);
  }

  @Test
  void namedActorsAndTasksOutliveTheSeedNode() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new, 10).setName("survivor")
        .setNodeAffinity(other.nodeId(), false).remote();
    assertEquals(11, counter.task(Counter::increment).remote().get());
    seed.kill();
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    while (Ray.getRuntimeContext().getAllNodeInfo().stream().filter(n -> n.isAlive()).count() > 2
        && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the cluster notices the seed's death
    }
    ActorHandle<Counter> found = Ray.<Counter>getActor("survivor").orElseThrow();
    assertEquals(12, found.task(Counter::increment).remote().get());
    List<Integer> squares = Ray.get(List.of(
        Ray.task(NodeLossTest::squareAfter50Ms, 3).setNodeAffinity(other.nodeId(), false).remote(),
        Ray.task(NodeLossTest::squareAfter50Ms, 4).remote()));
    assertEquals(List.of(9, 16), squares);
    assertTrue(Ray.getRuntimeContext().getAllNodeInfo().stream()
        .noneMatch(n -> n.isAlive() && n.getNodeId().equals(seed.nodeId())));
  }
}
