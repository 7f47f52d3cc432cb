package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * An object stays on the node that made it, as in Ray: a node that joins later takes over no
 * partition with objects of live nodes ({@code ObjectStoreAffinity}'s home partitions), so when
 * it is killed (SIGKILL, no backups) the puts of a live driver are all still there. (Found by
 * ChaosTest: with plain rendezvous affinity, rebalancing moved a share of them to the new node.)
 */
class PutRebalanceLossTest {
  private static final String ADDRESS = TestClusters.address(49620);

  @Test
  void putsOfALiveDriverSurviveANodeThatJoinedAndDied() {
    try (NodeProcess first = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start()) {
      Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 0.0))
          .objectStoreMemoryBytes(64L << 20).build());
      try {
        List<ObjectRef<byte[]>> puts = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
          byte[] bytes = new byte[200_000];
          bytes[0] = (byte) i;
          puts.add(Ray.put(bytes));
        }
        NodeProcess joined = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start();
        MultiJvmTest.awaitNodes(3);
        // Once the joined node serves a task, the exchange of its join is over.
        Ray.task(MultiJvmTest::storedHere).setNodeAffinity(joined.nodeId(), false).remote().get(60_000);
        joined.kill();
        for (int i = 0; i < puts.size(); i++) {
          assertEquals((byte) i, puts.get(i).get(60_000)[0], "put " + i);
        }
      } finally {
        Ray.shutdown();
      }
    }
  }
}
