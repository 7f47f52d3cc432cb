package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ActorInfo;
import org.rayonignite.api.ActorState;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/** Actors over JVMs: a driver (this one) and workers A and B; more processes where a test needs them. */
class ActorMultiJvmTest {
  private static final String ADDRESS = TestClusters.address(49000);
  private static NodeProcess workerA;
  private static NodeProcess workerB;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=2")));
    workerA = workers.get(0);
    workerB = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).namespace("shared").resources(Map.of("CPU", 2.0))
        .build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    workerA.close();
    workerB.close();
  }

  /** Makes {@code count} numbered calls from this caller, then waits for them. */
  static int callInOrder(ActorHandle<Counter> counter, String caller, int count) {
    List<ObjectRef<Integer>> refs = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      refs.add(counter.task(Counter::record, caller, i).remote());
    }
    Ray.get(refs);
    return count;
  }

  @Test
  void callsFromThreeCallersOnThreeNodesRunInEachCallersOrder() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setNodeAffinity(workerA.nodeId(), false).remote();
    ObjectRef<Integer> fromB = Ray.task(ActorMultiJvmTest::callInOrder, counter, "b", 3333)
        .setNodeAffinity(workerB.nodeId(), false).remote();
    ObjectRef<Integer> fromA = Ray.task(ActorMultiJvmTest::callInOrder, counter, "a", 3333)
        .setNodeAffinity(workerA.nodeId(), false).remote();
    assertEquals(3334, callInOrder(counter, "driver", 3334));
    assertEquals(3333, fromA.get());
    assertEquals(3333, fromB.get());
    List<String> log = counter.task(Counter::log).remote().get();
    assertEquals(10_000, log.size());
    Map<String, Integer> next = new HashMap<>();
    for (String entry : log) {
      String caller = entry.split(":")[0];
      int number = Integer.parseInt(entry.split(":")[1]);
      assertEquals(next.getOrDefault(caller, 0), number, "out of order for " + caller);
      next.put(caller, number + 1);
    }
  }

  static int incrementNamed(String name) {
    return Ray.<Counter>getActor(name, "shared").orElseThrow().task(Counter::increment).remote().get();
  }

  @Test
  void namedActorsAreFoundFromOtherNodes() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setName("visible").setNodeAffinity(
        workerB.nodeId(), false).remote();
    assertEquals(1, counter.task(Counter::increment).remote().get());
    assertEquals(2, Ray.task(ActorMultiJvmTest::incrementNamed, "visible")
        .setNodeAffinity(workerA.nodeId(), false).remote().get());
    String where = counter.task(Counter::whoAmI).remote().get().split("/")[1];
    assertEquals(workerB.nodeId().toString(), where);
  }

  @Test
  void detachedActorsOutliveTheirDriverAndOthersDieWithIt() throws Exception {
    for (String ending : new String[] {"exit", "wait"}) {
      Process driver = startDriver(ending);
      BufferedReader lines = new BufferedReader(new InputStreamReader(driver.getInputStream(), StandardCharsets.UTF_8));
      String line;
      StringBuilder output = new StringBuilder();
      while ((line = lines.readLine()) != null && !line.startsWith("READY")) {
        output.append(line).append('\n');
      }
      assertTrue(line != null, "the driver did not get ready:\n" + output);
      if (ending.equals("wait")) {
        driver.destroyForcibly(); // kill -9: its owner dies without a word
      }
      assertTrue(driver.waitFor(60, TimeUnit.SECONDS));
      Optional<ActorHandle<Counter>> keeper = Ray.getActor("keeper", "shared");
      assertTrue(keeper.isPresent());
      assertTrue(keeper.get().task(Counter::increment).remote().get(30_000) > 100);
      awaitNoActor("temp");
      keeper.get().kill();
      awaitNoActor("keeper");
    }
  }

  private static Process startDriver(String ending) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    command.addAll(List.of("-Xmx512m", "-Djava.net.preferIPv4Stack=true",
        "-Dorg.slf4j.simpleLogger.log.org.apache.ignite=error", "-cp", NodeProcess.currentClasspath(),
        ActorDriver.class.getName(), ADDRESS, ending));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  private static void awaitNoActor(String name) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
    while (Ray.getActor(name, "shared").isPresent()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("actor " + name + " is still alive");
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void anActorRestartsElsewhereWhenItsNodeIsKilled() {
    NodeProcess doomed = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start();
    try {
      MultiJvmTest.awaitNodes(4);
      ActorHandle<Counter> counter = Ray.actor(Counter::new, 10).setMaxRestarts(1).setMaxTaskRetries(1)
          .setNodeAffinity(doomed.nodeId(), true).remote();
      assertEquals(11, counter.task(Counter::increment).remote().get());
      assertTrue(counter.task(Counter::whoAmI).remote().get().contains(doomed.nodeId().toString()));
      ObjectRef<Integer> inFlight = counter.task(Counter::sleepThenGet, 3000).remote();
      Ray.wait(List.of(inFlight), 1, 500); // it reaches the actor
      doomed.kill();
      // Retried on the new instance: the constructor ran again, so the state starts over.
      assertEquals(10, inFlight.get(60_000));
      String[] who = counter.task(Counter::whoAmI).remote().get(30_000).split("/");
      assertNotEquals(doomed.nodeId().toString(), who[1]);
      assertEquals("true", who[2]);
      ActorInfo info = ActorTest.info(counter);
      assertEquals(ActorState.ALIVE, info.getState());
      assertEquals(1, info.getNumRestarts());
    } finally {
      doomed.close();
    }
    MultiJvmTest.awaitNodes(3);
  }

  @Test
  void anActorWithoutRestartsDiesWithItsNode() {
    NodeProcess doomed = TestClusters.worker(ADDRESS, "--resources", "CPU=1").start();
    try {
      MultiJvmTest.awaitNodes(4);
      ActorHandle<Counter> counter = Ray.actor(Counter::new).setNodeAffinity(doomed.nodeId(), false).remote();
      assertEquals(1, counter.task(Counter::increment).remote().get());
      doomed.kill();
      RayActorException error = assertThrows(RayActorException.class,
          () -> counter.task(Counter::sleepThenGet, 10).remote().get(60_000));
      assertTrue(error.getMessage().contains("node died"), error.getMessage());
      assertFalse(ActorTest.info(counter).getDeathCause() == null);
    } finally {
      doomed.close();
    }
    MultiJvmTest.awaitNodes(3);
  }
}
