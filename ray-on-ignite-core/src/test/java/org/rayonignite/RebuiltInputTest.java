package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.exception.RayTimeoutException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.NodeConfigurations;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * A task waits for one input while its other input, ready when it was submitted, is lost with
 * its node and is being made again (lineage): the arrival of the awaited input must not make the
 * thread that delivers it wait for the rebuilt one. It did: {@code TaskSubmitter}'s dependency
 * resolution joined the rebuilt input's new, pending future on the Ignite public-pool thread that
 * had just delivered the other input's result, and once every thread of that pool waited so, no
 * result reached the driver any more, the rebuilt input's included: ChaosTest hung in the get of
 * "mix 0" (2026-11-23, all 8 public-pool threads of the driver in that join).
 *
 * <p>Here the driver's public pool has one thread, so one such wait is enough to stop every
 * result, and latches fix the order: the rebuild runs on the driver and holds until a later
 * result from the survivor has arrived (without the fix, it never does).
 */
class RebuiltInputTest {
  private static final String ADDRESS = TestClusters.address(49640);
  private static final int SIZE = 160 << 10; // stored, not inline: lost with its node
  private static NodeProcess survivor;
  private static NodeProcess doomed;
  private static Ignite driver;
  /** Set in this JVM only (a worker's copy of the class has nulls): a run of source here signals, then waits. */
  private static volatile CountDownLatch rerunStarted;
  private static volatile CountDownLatch rerunMayEnd;

  @BeforeAll
  static void start() {
    rerunStarted = null; // from an earlier run of the class in this JVM (surefire's rerun)
    rerunMayEnd = null;
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=1,SRC=1")));
    survivor = workers.get(0);
    doomed = workers.get(1);
    RayConfig config = RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0, "SRC", 1.0))
        .objectStoreMemoryBytes(64L << 20).build();
    IgniteConfiguration cfg = NodeConfigurations.create(config, List.of());
    cfg.setPublicThreadPoolSize(1); // the thread that receives every result (and other message)
    driver = Ignition.start(cfg);
    Ray.init(driver, config);
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    try {
      TestClusters.shutdown(survivor, doomed);
    } finally {
      if (driver != null) {
        driver.close(); // Ray.init(ignite) leaves the node to its owner
      }
    }
  }

  /** {@value #SIZE} bytes from {@code seed}; a run in the test's JVM (the rebuild) signals, then waits. */
  static byte[] source(int seed) throws InterruptedException {
    CountDownLatch started = rerunStarted;
    if (started != null) {
      started.countDown();
      if (!rerunMayEnd.await(60, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test did not let the rebuild of source end");
      }
    }
    return pattern(seed);
  }

  private static byte[] pattern(int seed) {
    byte[] bytes = new byte[SIZE];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seed + i * 7);
    }
    return bytes;
  }

  static String gate() throws InterruptedException {
    return Latches.await("gate");
  }

  static int length(String text) {
    return text.length();
  }

  static String nodeAfter(int input) {
    return Where.node();
  }

  static long mix(byte[] source, int other) {
    long sum = other;
    for (byte b : source) {
      sum += b;
    }
    return sum;
  }

  @Test
  void theArrivalOfAnInputDoesNotWaitForAnotherThatIsBeingMadeAgain() throws Exception {
    NodeId here = Ray.getRuntimeContext().getCurrentNodeId();
    // Made on the doomed node (SRC: that node, or this one once it is gone), not fetched here.
    ObjectRef<byte[]> source = Ray.task(RebuiltInputTest::source, 7).setResource("CPU", 0.0)
        .setResource("SRC", 1.0).setNodeAffinity(doomed.nodeId(), true).remote();
    assertEquals(1, Ray.wait(List.of(source), 1, 60_000, false).getReady().size());
    assertEquals(doomed.nodeId(), run(source).getNodeId(), "source was made on the doomed node");
    // The other input: made on the survivor once the test opens the gate here; its result comes
    // in on the driver's public-pool thread, which then resolves the inputs of the tasks waiting
    // for it. (The test thread must not wait for `other` itself: a thread waiting on a future
    // may run the callbacks of its completion, and would block instead of the pool's.)
    CountDownLatch gate = new CountDownLatch(1);
    Latches.put("gate", gate);
    ObjectRef<String> gated = Ray.task(RebuiltInputTest::gate).setNodeAffinity(here, false).remote();
    ObjectRef<Integer> other = Ray.task(RebuiltInputTest::length, gated)
        .setNodeAffinity(survivor.nodeId(), false).remote();
    // Waits for `other` only: `source` is ready now.
    ObjectRef<Long> mixed = Ray.task(RebuiltInputTest::mix, source, other).setResource("CPU", 0.0).remote();
    // Also waits for `other`; its own result comes in on that thread too, later.
    ObjectRef<String> probe = Ray.task(RebuiltInputTest::nodeAfter, other)
        .setNodeAffinity(survivor.nodeId(), false).remote();

    rerunMayEnd = new CountDownLatch(1);
    rerunStarted = new CountDownLatch(1);
    CompletableFuture<byte[]> reread;
    try {
      doomed.kill();
      // Reading `source` finds it lost: its task runs again, here (the only node left with SRC),
      // and `source` waits for that run, under a new pending location.
      reread = CompletableFuture.supplyAsync(() -> source.get(120_000));
      assertTrue(rerunStarted.await(60, TimeUnit.SECONDS), "source did not run again on this node");

      gate.countDown();
      // While `source` is being made, `mixed` waits, and `probe` runs and its result comes in.
      try {
        assertEquals(survivor.nodeId().toString(), probe.get(20_000));
      } catch (RayTimeoutException e) {
        fail("a result from the survivor did not reach the driver while `source` was being made "
            + "again: the thread that delivered `other` waits there for `source`", e);
      }
      assertTrue(Ray.wait(List.of(mixed), 1, 0, false).getReady().isEmpty(), "mixed waits for source");
    } finally {
      rerunMayEnd.countDown();
    }

    byte[] expected = pattern(7);
    assertArrayEquals(expected, reread.get(60, TimeUnit.SECONDS));
    assertEquals(4, other.get(60_000));
    assertEquals(mix(expected, 4), mixed.get(60_000));
    TaskInfo made = run(source);
    assertEquals(2, made.getAttempts(), made.toString());
    assertEquals(here, made.getNodeId(), made.toString());
  }

  /** The last run of the task that made {@code ref}. */
  private static TaskInfo run(ObjectRef<?> ref) {
    TaskId task = ref.getId().getTaskId();
    return RayState.listTasks().stream().filter(t -> t.getTaskId().equals(task))
        .max(java.util.Comparator.comparingInt(TaskInfo::getAttempts)).orElseThrow();
  }
}
