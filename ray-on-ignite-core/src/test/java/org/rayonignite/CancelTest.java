package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.TaskCancelledException;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskState;

/** Ray.cancel on an embedded node with one CPU. */
class CancelTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 1.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  @Test
  void aTaskNotStartedNeverStarts() throws Exception {
    CountDownLatch blockerStarted = Cancellable.watch("blocker");
    ObjectRef<String> blocker = Ray.task(Cancellable::sleep, "blocker", 1000).remote();
    assertTrue(blockerStarted.await(10, TimeUnit.SECONDS));
    ObjectRef<String> queued = Ray.task(Cancellable::sleep, "queued", 10).remote();
    Ray.cancel(queued);
    assertThrows(TaskCancelledException.class, () -> queued.get(10_000));
    assertEquals("blocker", blocker.get());
    assertEquals("x", Ray.task(Cancellable::sleep, "x", 10).remote().get());
    assertFalse(Cancellable.STARTED.contains("queued"));
  }

  /** How many tasks named {@code name} this driver lists in {@code state}. */
  static long countIn(TaskState state, String name) {
    return RayState.listTasks().stream().filter(t -> t.getName().equals(name) && t.getState() == state).count();
  }

  @Test
  void aRunningTaskIsInterrupted() throws Exception {
    CountDownLatch started = Cancellable.watch("running");
    ObjectRef<String> running = Ray.task(Cancellable::sleep, "running", 60_000).remote();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    assertEquals(1, countIn(TaskState.RUNNING, "Cancellable.sleep"));
    long start = System.nanoTime();
    Ray.cancel(running);
    assertThrows(TaskCancelledException.class, () -> running.get(10_000));
    assertEquals(0, countIn(TaskState.RUNNING, "Cancellable.sleep"));
    assertTrue(RayState.listTasks().stream().anyMatch(t -> t.getName().equals("Cancellable.sleep")
        && t.getState() == TaskState.FAILED && t.getError() != null && t.getError().contains("cancel")),
        RayState.listTasks().toString());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 5000);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!Cancellable.INTERRUPTED.contains("running") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(Cancellable.INTERRUPTED.contains("running"));
    Ray.cancel(running); // twice: harmless
  }

  @Test
  void aCancelRightAfterRemoteIsNeverLost() {
    // Races the cancel against the task's admission and the start of its thread.
    for (int i = 0; i < 100; i++) {
      ObjectRef<String> ref = Ray.task(Cancellable::sleep, "at-once", 86_400_000).remote();
      Ray.cancel(ref);
      assertThrows(TaskCancelledException.class, () -> ref.get(10_000), "cancel " + i + " was lost");
    }
  }

  @Test
  void forceLetsGoOfATaskThatIgnoresInterrupts() throws Exception {
    CountDownLatch started = Cancellable.watch("stubborn");
    ObjectRef<String> stubborn = Ray.task(Cancellable::stubborn, "stubborn", 4000).remote();
    assertTrue(started.await(10, TimeUnit.SECONDS));
    Ray.cancel(stubborn, true, true);
    assertThrows(TaskCancelledException.class, () -> stubborn.get(1000));
    // Its CPU was freed at once: another task runs while the stubborn one still spins.
    assertEquals("after", Ray.task(Cancellable::sleep, "after", 10).remote().get(3000));
  }

  @Test
  void cancelIsRecursiveAndReachesDownstreamTasks() throws Exception {
    CountDownLatch childStarted = Cancellable.watch("parent-child");
    ObjectRef<String> parent = Ray.task(Cancellable::parent, "parent").remote();
    assertTrue(childStarted.await(10, TimeUnit.SECONDS));
    ObjectRef<String> downstream = Ray.task(Cancellable::sleep, parent, 10).remote();
    Ray.cancel(parent);
    assertThrows(TaskCancelledException.class, () -> parent.get(10_000));
    assertThrows(TaskCancelledException.class, () -> Cancellable.CHILDREN.get("parent").get(10_000));
    assertThrows(TaskCancelledException.class, () -> downstream.get(10_000));
  }

  @Test
  void cancellingAFinishedTaskDoesNothing() {
    ObjectRef<String> done = Ray.task(Cancellable::sleep, "done", 1).remote();
    assertEquals("done", done.get());
    Ray.cancel(done);
    assertEquals("done", done.get());
    ObjectRef<Integer> put = Ray.put(1);
    Ray.cancel(put);
    assertEquals(1, put.get());
  }

  @Test
  void aQueuedActorCallIsTakenOutOfTheMailbox() throws Exception {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setResource("CPU", 0.0).remote();
    CountDownLatch release = new CountDownLatch(1);
    Latches.put("cancel-actor", release);
    ObjectRef<Integer> running = counter.task(Counter::awaitLatch, "cancel-actor").remote();
    ObjectRef<Integer> queued = counter.task(Counter::increment).remote();
    Ray.cancel(queued);
    assertThrows(TaskCancelledException.class, () -> queued.get(10_000));
    release.countDown();
    assertEquals(0, running.get());
    assertEquals(1, counter.task(Counter::increment).remote().get());
  }
}
