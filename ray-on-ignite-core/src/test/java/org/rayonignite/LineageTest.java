package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.ObjectLostException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * Lineage reconstruction over three JVMs: the stored results of a 3-level DAG are lost with the
 * worker that made and held them (SIGKILL, no backups); reading them runs the tasks that made them
 * again, the lost input of a lost result first, and only those. A task whose retries are used up
 * cannot be run again: its lost result fails with {@link ObjectLostException}.
 */
class LineageTest {
  private static final String ADDRESS = TestClusters.address(49600);
  private static final int SIZE = 1 << 20;
  private static NodeProcess survivor;
  private static NodeProcess doomed;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=2")));
    survivor = workers.get(0);
    doomed = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(128L << 20).build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(survivor, doomed);
  }

  /** Level 1: {@value #SIZE} bytes counting up from {@code seed}; says it ran. */
  static byte[] source(ActorHandle<Counter> runs, int seed) {
    runs.task(Counter::record, "source" + seed, 0).remote().get();
    byte[] bytes = new byte[SIZE];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (seed + i);
    }
    return bytes;
  }

  /** Level 2: each byte of {@code input} plus one; says it ran, by the input's first byte. */
  static byte[] increment(ActorHandle<Counter> runs, byte[] input) {
    runs.task(Counter::record, "increment" + input[0], 0).remote().get();
    byte[] bytes = input.clone();
    for (int i = 0; i < bytes.length; i++) {
      bytes[i]++;
    }
    return bytes;
  }

  /** Level 3: a small result, kept inline by its owner. */
  static long sum(ActorHandle<Counter> runs, byte[] input) {
    runs.task(Counter::record, "sum", 0).remote().get();
    long sum = 0;
    for (byte b : input) {
      sum += b;
    }
    return sum;
  }

  private static long expectedSum(int seed) {
    long sum = 0;
    for (int i = 0; i < SIZE; i++) {
      sum += (byte) ((byte) (seed + i) + 1);
    }
    return sum;
  }

  private static int runsOf(ActorHandle<Counter> runs, String name) {
    return Collections.frequency(runs.task(Counter::log).remote().get(), name + ":0");
  }

  private static int attemptsOf(ObjectRef<?> ref) {
    TaskId task = ref.getId().getTaskId();
    return RayState.listTasks().stream().filter(t -> t.getTaskId().equals(task))
        .mapToInt(TaskInfo::getAttempts).max().orElseThrow();
  }

  private static int storedOnDoomed() {
    return Ray.task(MultiJvmTest::storedHere).setNodeAffinity(doomed.nodeId(), false).remote().get();
  }

  /** Level 2 over a level 1 that nobody holds: once level 2 is made, level 1 is freed. */
  private static ObjectRef<byte[]> incrementOfAFreedSource(ActorHandle<Counter> runs, int seed)
      throws InterruptedException {
    int before = storedOnDoomed();
    ObjectRef<byte[]> incremented = Ray.task(LineageTest::increment, runs,
        Ray.task(LineageTest::source, runs, seed).setNodeAffinity(doomed.nodeId(), true).remote())
        .setNodeAffinity(doomed.nodeId(), true).remote();
    Ray.wait(List.of(incremented), 1, 60_000, false);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (storedOnDoomed() != before + 1 && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(50); // the owner frees collected objects on its next 50 ms tick: nothing to wait on
    }
    assertEquals(before + 1, storedOnDoomed(), "the source was freed");
    return incremented;
  }

  @Test
  void lostResultsAreMadeAgainByRunningTheirTasksAgain() throws InterruptedException {
    ActorHandle<Counter> runs = Ray.actor(Counter::new).setResource("CPU", 0.0)
        .setNodeAffinity(Ray.getRuntimeContext().getCurrentNodeId(), false).remote();
    ObjectRef<byte[]> source = Ray.task(LineageTest::source, runs, 7)
        .setNodeAffinity(doomed.nodeId(), true).remote();
    ObjectRef<byte[]> incremented = Ray.task(LineageTest::increment, runs, source)
        .setNodeAffinity(doomed.nodeId(), true).remote();
    ObjectRef<Long> sum = Ray.task(LineageTest::sum, runs, incremented)
        .setNodeAffinity(survivor.nodeId(), true).remote();
    assertEquals(expectedSum(7), sum.get(60_000));
    ObjectRef<byte[]> once = Ray.task(LineageTest::source, runs, 9).setMaxRetries(0)
        .setNodeAffinity(doomed.nodeId(), true).remote();
    Ray.wait(List.of(once), 1, 60_000, false); // made there, not fetched here
    ObjectRef<byte[]> overFreed = incrementOfAFreedSource(runs, 11);

    doomed.kill();

    // Level 2 was lost with its node: it runs again, and so must its lost input, level 1.
    byte[] again = incremented.get(60_000);
    assertEquals((byte) (7 + 1), again[0]);
    assertEquals((byte) (7 + SIZE - 1 + 1), again[SIZE - 1]);
    assertEquals(2, runsOf(runs, "source7"));
    assertEquals(2, runsOf(runs, "increment7"));
    assertEquals(1, runsOf(runs, "sum"), "the inline level-3 result was not lost");
    assertEquals(2, attemptsOf(source));
    assertEquals(2, attemptsOf(incremented));
    assertEquals(expectedSum(7), sum.get());
    // A new consumer of the rebuilt objects runs where they are now.
    assertEquals(expectedSum(7), Ray.task(LineageTest::sum, runs, incremented).remote().get(60_000));

    // An input freed before the loss is made again from its own lineage.
    assertEquals((byte) (11 + 1), overFreed.get(60_000)[0]);
    assertEquals(2, runsOf(runs, "source11"));
    assertEquals(2, runsOf(runs, "increment11"));

    ObjectLostException lost = assertThrows(ObjectLostException.class, () -> once.get(60_000));
    assertTrue(lost.getMessage().contains("maxRetries=0"), lost.getMessage());
    assertEquals(1, runsOf(runs, "source9"));
  }
}
