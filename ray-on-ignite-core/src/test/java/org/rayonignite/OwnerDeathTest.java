package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.api.exception.OwnerDiedException;
import org.rayonignite.cli.DriverJvm;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Refs outlive their owner's process only as errors: once the JVM that put an object is killed
 * (SIGKILL), another process holding refs to its objects gets {@link OwnerDiedException} from
 * {@code get}, whether the bytes were stored or small enough to travel with the ref. And what a
 * killed driver left running on the cluster ends with it: its tasks are cancelled, its actors and
 * placement groups (those its tasks made too) end unless detached, its stored objects are freed.
 */
class OwnerDeathTest {
  private static final String ADDRESS = TestClusters.address(49530);
  private static NodeProcess worker;

  /** Keeps refs it is given (refs inside a value: borrowed, as an actor that stores them). */
  public static final class RefMailbox {
    private final List<ObjectRef<byte[]>> refs = new ArrayList<>();

    public int put(List<ObjectRef<byte[]>> given) {
      refs.addAll(given);
      return refs.size();
    }

    public List<ObjectRef<byte[]>> take() {
      return refs;
    }
  }

  @BeforeAll
  static void start() {
    worker = TestClusters.worker(ADDRESS, "--resources", "CPU=3").start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 0.0))
        .objectStoreMemoryBytes(128L << 20).build());
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(worker);
  }

  @Test
  void refsOfADeadOwnerFailWithOwnerDied() throws Exception {
    ActorHandle<RefMailbox> mailbox = Ray.actor(RefMailbox::new).setName("refs-mailbox", "owner-death")
        .setLifetime(ActorLifetime.DETACHED).setNodeAffinity(worker.nodeId(), false).remote();
    mailbox.task(RefMailbox::take).remote().get();
    Process owner = DriverJvm.start(OwnerDriver.class, ADDRESS);
    try {
      DriverJvm.awaitLine(owner, "READY");
      List<ObjectRef<byte[]>> refs = mailbox.task(RefMailbox::take).remote().get();
      assertEquals(2, refs.size());
      assertEquals(42, refs.get(0).get(30_000)[0]); // while the owner lives
      owner.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (Ray.getRuntimeContext().getAllNodeInfo().stream().filter(n -> n.isAlive()).count() > 2
          && System.nanoTime() < deadline) {
        Thread.onSpinWait(); // the cluster notices the owner's death
      }
      for (ObjectRef<byte[]> ref : refs) {
        OwnerDiedException died = assertThrows(OwnerDiedException.class, () -> ref.get(30_000));
        assertTrue(died.getMessage().contains(ref.getId().toString()), died.getMessage());
      }
      assertEquals(2, mailbox.task(RefMailbox::put, List.<ObjectRef<byte[]>>of()).remote().get(),
          "the cluster keeps working");
    } finally {
      owner.destroyForcibly();
      mailbox.kill();
    }
  }

  static int storedHere() {
    return RayState.storedObjectCount();
  }

  private static int storedOnWorker() {
    return Ray.task(OwnerDeathTest::storedHere).setResource("CPU", 0.0)
        .setNodeAffinity(worker.nodeId(), false).remote().get();
  }

  private static void awaitAlive(int nodes) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Ray.getRuntimeContext().getAllNodeInfo().stream().filter(n -> n.isAlive()).count() > nodes
        && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the cluster notices the driver's death
    }
  }

  private static void await(String what, java.util.function.BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 30 s of the driver's death: " + what);
      }
      Thread.onSpinWait();
    }
  }

  @Test
  void whatAKilledDriverLeftOnTheClusterEndsWithIt() throws Exception {
    ActorHandle<Counter> log = Ray.actor(Counter::new).setName("job-log", "owner-death")
        .setLifetime(ActorLifetime.DETACHED).setResource("CPU", 0.0)
        .setNodeAffinity(Ray.getRuntimeContext().getCurrentNodeId(), false).remote();
    int storedBefore = storedOnWorker();
    Process driver = DriverJvm.start(JobDriver.class, ADDRESS);
    try {
      DriverJvm.awaitLine(driver, "READY");
      assertTrue(Ray.getActor("job-actor", "owner-death").isPresent());
      assertTrue(Ray.getActor("nested-actor", "owner-death").isPresent());
      assertEquals(org.rayonignite.api.placement.PlacementGroupState.CREATED,
          PlacementGroups.getPlacementGroup("job-group", "owner-death").getState());
      assertEquals(storedBefore + 1, storedOnWorker(), "the driver's task result is stored there");

      driver.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      awaitAlive(2);

      await("its running task is cancelled",
          () -> log.task(Counter::log).remote().get().contains("orphan interrupted:0"));
      await("its actor ends", () -> Ray.getActor("job-actor", "owner-death").isEmpty());
      await("the actor its task made ends", () -> Ray.getActor("nested-actor", "owner-death").isEmpty());
      await("its placement group is removed", () -> {
        org.rayonignite.api.placement.PlacementGroup group =
            PlacementGroups.getPlacementGroup("job-group", "owner-death");
        return group == null
            || group.getState() == org.rayonignite.api.placement.PlacementGroupState.REMOVED;
      });
      await("its stored object is freed", () -> storedOnWorker() == storedBefore);
    } finally {
      driver.destroyForcibly();
      log.kill();
    }
  }
}
