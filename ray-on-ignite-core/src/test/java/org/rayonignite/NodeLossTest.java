package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * A driver and two worker JVMs; one worker is killed (SIGKILL) while 1,000 tasks of 50 ms run
 * over the three nodes: every task still returns its value, the ones that ran on the dead node
 * by running again elsewhere, and the retries show in the task states.
 */
class NodeLossTest {
  private static final String ADDRESS = TestClusters.address(49500);
  private static NodeProcess survivor;
  private static NodeProcess doomed;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=4"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=4")));
    survivor = workers.get(0);
    doomed = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 4.0))
        .objectStoreMemoryBytes(128L << 20).build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(survivor, doomed);
  }

  static int squareAfter50Ms(int x) throws InterruptedException {
    Thread.sleep(50);
    return x * x;
  }

  @Test
  void everyTaskFinishesWhenAWorkerIsKilledMidway() throws Exception {
    List<ObjectRef<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      results.add(Ray.task(NodeLossTest::squareAfter50Ms, i).setSchedulingStrategy(
          org.rayonignite.api.options.SchedulingStrategy.SPREAD).remote());
    }
    // Midway: once a fifth are done (all three nodes are busy then), kill -9 the doomed worker.
    Ray.wait(results, 200, 60_000);
    doomed.kill();
    for (int i = 0; i < results.size(); i++) {
      assertEquals(i * i, results.get(i).get(120_000), "task " + i);
    }
    Set<org.rayonignite.api.TaskId> ids = results.stream().map(ref -> ref.getId().getTaskId())
        .collect(Collectors.toSet());
    List<TaskInfo> ours = RayState.listTasks().stream().filter(t -> ids.contains(t.getTaskId())).toList();
    assertEquals(1_000, ours.size());
    long retried = ours.stream().filter(t -> t.getAttempts() > 1).count();
    assertTrue(retried > 0, "some tasks ran on the killed worker and ran again: " + retried);
    String dead = doomed.nodeId().toString();
    assertTrue(ours.stream().filter(t -> t.getAttempts() > 1)
            .noneMatch(t -> t.getNodeId().toString().equals(dead)),
        "every retried task finished on a live node");
  }
}
