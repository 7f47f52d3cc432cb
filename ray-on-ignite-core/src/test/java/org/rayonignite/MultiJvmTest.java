package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.NodeDiedException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * A driver (this JVM) and two worker JVMs on loopback: worker A has this module's test classes
 * on its class path, worker B does not and gets them by Ignite peer class loading.
 */
class MultiJvmTest {
  private static final String ADDRESS = TestClusters.address(48500);
  private static NodeProcess workerA;
  private static NodeProcess workerB;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2", "--labels", "name=a"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=2", "--labels", "name=b")
            .classpath(TestClusters.classpathWithoutTests())));
    workerA = workers.get(0);
    workerB = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 2.0))
        .objectStoreMemoryBytes(256L << 20).build());
    awaitNodes(3);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    Ray.shutdown();
    for (NodeProcess worker : List.of(workerA, workerB)) {
      worker.close();
      assertFalse(worker.isAlive(), "worker " + worker.pid() + " is still running");
    }
  }

  static void awaitNodes(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Ray.getRuntimeContext().getAllNodeInfo().size() < count) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + Ray.getRuntimeContext().getAllNodeInfo() + " joined");
      }
      Thread.onSpinWait();
    }
  }

  static String nodeAfter(int sleepMs) throws InterruptedException {
    Thread.sleep(sleepMs);
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  /** Sleeps only on {@code slowNode}, so a retry elsewhere finishes at once. */
  static String nodeAfterIfOn(String slowNode, int sleepMs) throws InterruptedException {
    String here = Ray.getRuntimeContext().getCurrentNodeId().toString();
    if (here.equals(slowNode)) {
      Thread.sleep(sleepMs);
    }
    return here;
  }

  record Reading(String sensor, double value) {}

  static List<Reading> readings(int count) {
    List<Reading> readings = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      readings.add(new Reading("s" + i, i * 0.5));
    }
    return readings;
  }

  static double total(List<Reading> readings) {
    return readings.stream().mapToDouble(Reading::value).sum();
  }

  static String nodeOf(Object ignored) {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  static byte[] largeBytes(int seed) {
    byte[] bytes = new byte[200_000];
    bytes[0] = (byte) seed;
    return bytes;
  }

  static int storedHere() {
    return RayState.storedObjectCount();
  }

  @Test
  void largeResultsOnAWorkerAreFreedWhenTheirOwnerDropsThem() throws InterruptedException {
    NodeId a = workerA.nodeId();
    int before = Ray.task(MultiJvmTest::storedHere).setNodeAffinity(a, false).remote().get();
    ObjectRef<byte[]> kept = Ray.task(MultiJvmTest::largeBytes, 1).setNodeAffinity(a, false).remote();
    for (int i = 0; i < 20; i++) {
      assertEquals(i, Ray.task(MultiJvmTest::largeBytes, i).setNodeAffinity(a, false).remote().get()[0]);
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int stored;
    do {
      System.gc(); // this JVM owns the 21 results; 20 of them are unreachable now
      Thread.sleep(50); // the owner notices collected refs on its next 50 ms tick: nothing to wait on
      stored = Ray.task(MultiJvmTest::storedHere).setNodeAffinity(a, false).remote().get();
    } while (stored != before + 1 && System.nanoTime() < deadline);
    assertEquals(before + 1, stored, "worker A keeps only the result still referenced");
    assertEquals(1, kept.get()[0]);
  }

  @Test
  void tasksSpreadOverAllThreeNodes() {
    List<ObjectRef<String>> refs = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      refs.add(Ray.task(MultiJvmTest::nodeAfter, 200).remote());
    }
    Set<String> nodes = new HashSet<>(Ray.get(refs));
    assertEquals(Set.of(Ray.getRuntimeContext().getCurrentNodeId().toString(),
        workerA.nodeId().toString(), workerB.nodeId().toString()), nodes);
  }

  @Test
  void anObjectMadeOnOneNodeIsReadByATaskOnAnother() {
    for (int count : new int[] {10, 20_000}) { // inline, then stored (well over 100 KiB)
      ObjectRef<List<Reading>> made = Ray.task(MultiJvmTest::readings, count)
          .setNodeAffinity(workerA.nodeId(), false).remote();
      ObjectRef<Double> total = Ray.task(MultiJvmTest::total, made)
          .setNodeAffinity(workerB.nodeId(), false).remote();
      assertEquals(total(readings(count)), total.get(), 1e-9);
      assertEquals(count, made.get().size());
    }
    ObjectRef<byte[]> put = Ray.put(ObjectTest.bytes(2 << 20));
    ObjectRef<Integer> checksum = Ray.task(ObjectTest::checksum, put)
        .setNodeAffinity(workerB.nodeId(), false).remote();
    assertEquals(ObjectTest.checksum(ObjectTest.bytes(2 << 20)), checksum.get());
  }

  @Test
  void aWorkerWithoutTheTestClassesRunsTheTestsFunctions() {
    NodeId b = workerB.nodeId();
    assertEquals(b.toString(), Ray.task(MultiJvmTest::nodeOf, new Reading("x", 1)).setNodeAffinity(b, false)
        .remote().get());
    List<Reading> made = Ray.task(MultiJvmTest::readings, 3).setNodeAffinity(b, false).remote().get();
    assertEquals(new Reading("s2", 1.0), made.get(2));
    RayTaskException error = assertThrows(RayTaskException.class,
        () -> Ray.task(Failing::fail, "remote").setNodeAffinity(b, false).remote().get());
    assertEquals("remote", error.getCause().getMessage());
    assertTrue(error.getMessage().contains(b.toString()), error.getMessage());
  }

  @Test
  void nestedTasksAndBorrowedRefsAcrossNodes() {
    NodeId a = workerA.nodeId();
    assertEquals(610, Ray.task(Recursion::fibonacci, 15).setNodeAffinity(a, false).remote().get());
    List<ObjectRef<Integer>> refs = List.of(Ray.put(1), Ray.task(TaskTest::one, 2).remote(), Ray.put(3));
    assertEquals(6, Ray.task(ObjectTest::sumOfRefs, refs).setNodeAffinity(workerB.nodeId(), false)
        .remote().get());
  }

  private static void awaitLog(org.rayonignite.api.actor.ActorHandle<Counter> log, String entry) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!log.task(Counter::log).remote().get().contains(entry + ":0")) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("never logged " + entry + ": " + log.task(Counter::log).remote().get()
            + "; the cancellation tasks each node owns: " + cancellationTasks());
      }
    }
  }

  /** The cancellation test's tasks in each node's task table, to tell where a missing one is. */
  private static String cancellationTasks() {
    StringBuilder tasks = new StringBuilder("driver ").append(cancellationTasksOwnedHere());
    for (NodeProcess worker : List.of(workerA, workerB)) {
      tasks.append(", ").append(worker == workerA ? "A " : "B ");
      try {
        tasks.append(Ray.task(MultiJvmTest::cancellationTasksOwnedHere)
            .setNodeAffinity(worker.nodeId(), false).remote().get(5000));
      } catch (RuntimeException e) {
        tasks.append("cannot tell: ").append(e);
      }
    }
    return tasks.toString();
  }

  static String cancellationTasksOwnedHere() {
    return RayState.listTasks().stream().filter(t -> String.valueOf(t.getName()).startsWith("Cancellable."))
        .map(String::valueOf).toList().toString();
  }

  @Test
  void generatorsStreamFromARemoteNode() {
    org.rayonignite.api.ObjectRefGenerator<Integer> remote = Ray.task(Producers::squares, 50)
        .setNodeAffinity(workerB.nodeId(), false).streaming().setGeneratorBackpressure(4).remote();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    remote.forEach(refs::add);
    assertEquals(50, Ray.wait(refs, 50, 30_000).getReady().size());
    for (int i = 0; i < 50; i++) {
      assertEquals(i * i, refs.get(i).get());
    }
    org.rayonignite.api.ObjectRefGenerator<Integer> failing = Ray.task(Producers::failAfter, 3)
        .setNodeAffinity(workerA.nodeId(), false).streaming().remote();
    for (int i = 0; i < 3; i++) {
      assertEquals(i, failing.next().get());
    }
    assertThrows(RayTaskException.class, () -> failing.next().get());
    assertFalse(failing.hasNext());
  }

  @Test
  void multipleReturnsStayWhereTheyWereMadeAndAreFetchedOneByOne() {
    List<ObjectRef<byte[]>> parts = Ray.task(ReturnsTest::megabytes, 3)
        .setNodeAffinity(workerB.nodeId(), false).setNumReturns(3).remote();
    assertEquals(3, Ray.wait(parts, 3, 30_000, false).getReady().size()); // made, not fetched
    NodeId here = Ray.getRuntimeContext().getCurrentNodeId();
    long before = RayState.bytesFetchedByNode().get(here);
    byte[] second = parts.get(1).get();
    assertEquals(1 << 20, second.length);
    assertEquals(1, second[0]);
    long fetched = RayState.bytesFetchedByNode().get(here) - before;
    assertTrue(fetched >= 1 << 20 && fetched < 2 << 20, fetched + " bytes fetched for one of three 1 MiB objects");
  }

  @Test
  void exceptionsAreRetriedOnARemoteNodeAndInARemoteActor() {
    org.rayonignite.api.actor.ActorHandle<Counter> attempts = Ray.actor(Counter::new).setResource("CPU", 0.0).remote();
    assertEquals(3, Ray.task(Flaky::failFirst, attempts, 2).setNodeAffinity(workerA.nodeId(), false)
        .setMaxRetries(2).setRetryExceptions(true).remote().get());
    org.rayonignite.api.actor.ActorHandle<Flaky.Worker> worker = Ray.actor(Flaky.Worker::new)
        .setNodeAffinity(workerB.nodeId(), false).setMaxTaskRetries(3).remote();
    assertEquals(4, worker.task(Flaky.Worker::failFirst, 3).setRetryExceptions(true).remote().get());
  }

  @Test
  void cancelReachesARemoteTaskAndItsRemoteChildren() {
    org.rayonignite.api.actor.ActorHandle<Counter> log = Ray.actor(Counter::new).setResource("CPU", 0.0).remote();
    ObjectRef<String> remote = Ray.task(Cancellable::reporting, log, "remote")
        .setNodeAffinity(workerA.nodeId(), false).remote();
    awaitLog(log, "remote started");
    assertEquals(1, CancelTest.countIn(org.rayonignite.state.TaskState.RUNNING, "Cancellable.reporting"));
    Ray.cancel(remote);
    assertThrows(org.rayonignite.api.exception.TaskCancelledException.class, () -> remote.get(30_000));
    awaitLog(log, "remote interrupted");

    ObjectRef<String> parent = Ray.task(Cancellable::reportingParent, log, "parent")
        .setNodeAffinity(workerB.nodeId(), false).remote();
    awaitLog(log, "parent-child started");
    Ray.cancel(parent);
    assertThrows(org.rayonignite.api.exception.TaskCancelledException.class, () -> parent.get(30_000));
    awaitLog(log, "parent-child interrupted");
  }

  @Test
  void aTaskOnANodeThatDiesIsRetriedElsewhereOrFailsClearly() {
    NodeProcess doomed = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start();
    try {
      awaitNodes(4);
      String slow = doomed.nodeId().toString();
      ObjectRef<String> pinned = Ray.task(MultiJvmTest::nodeAfterIfOn, slow, 60_000)
          .setNodeAffinity(doomed.nodeId(), false).remote();
      ObjectRef<String> retried = Ray.task(MultiJvmTest::nodeAfterIfOn, slow, 60_000)
          .setNodeAffinity(doomed.nodeId(), true).remote();
      Ray.wait(List.of(pinned, retried), 2, 1000); // both reach the doomed node
      doomed.kill();
      NodeDiedException died = assertThrows(NodeDiedException.class, () -> pinned.get(60_000));
      assertTrue(died.getMessage().contains(doomed.nodeId().toString()), died.getMessage());
      assertFalse(slow.equals(retried.get(60_000)));
    } finally {
      doomed.close();
    }
  }
}
