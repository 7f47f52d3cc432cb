package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * With {@code objectStoreBackups = 1} a stored task result survives the death (SIGKILL) of the
 * node that made and held it, and nothing runs again to rebuild it.
 */
class BackupsTest {
  private static final String ADDRESS = TestClusters.address(49510);
  private static NodeProcess survivor;
  private static NodeProcess doomed;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=1", "--object-store-backups", "1"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=1", "--object-store-backups", "1")));
    survivor = workers.get(0);
    doomed = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(128L << 20).objectStoreBackups(1).build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(survivor, doomed);
  }

  static byte[] large(int seed) {
    byte[] bytes = new byte[300_000];
    bytes[0] = (byte) seed;
    bytes[bytes.length - 1] = (byte) seed;
    return bytes;
  }

  @Test
  void aStoredResultOutlivesTheNodeThatHeldIt() {
    ObjectRef<byte[]> made = Ray.task(BackupsTest::large, 5).setNodeAffinity(doomed.nodeId(), false).remote();
    Ray.wait(List.of(made), 1, 60_000, false); // finished there; not fetched here
    doomed.kill();
    byte[] value = made.get(60_000);
    assertEquals(5, value[0]);
    assertEquals(5, value[value.length - 1]);
    TaskInfo task = RayState.listTasks().stream()
        .filter(t -> t.getTaskId().equals(made.getId().getTaskId())).findFirst().orElseThrow();
    assertEquals(1, task.getAttempts(), "nothing ran again: " + task);
    assertEquals(doomed.nodeId(), task.getNodeId());
  }
}
