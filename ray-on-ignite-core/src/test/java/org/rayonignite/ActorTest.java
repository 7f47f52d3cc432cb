package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ActorInfo;
import org.rayonignite.api.ActorState;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.PendingCallsLimitExceededException;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.config.RayConfig;

/** Actors on an embedded cluster. */
class ActorTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().namespace("actor-test").resources(Map.of("CPU", 4.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  @Test
  void stateSurvivesBetweenCallsInOrder() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      refs.add(counter.task(Counter::increment).remote());
    }
    for (int i = 0; i < 100; i++) {
      assertEquals(i + 1, refs.get(i).get());
    }
    assertEquals(105, counter.task(Counter::add, 5).remote().get());
    assertNull(counter.task(Counter::reset).remote().get());
    assertEquals(0, counter.task(Counter::getCounter).remote().get());
  }

  @Test
  void constructorArgumentsAreValuesOrRefs() {
    assertEquals(10, Ray.actor(Counter::new, 10).remote().task(Counter::getCounter).remote().get());
    ObjectRef<Integer> start = Ray.task(TaskTest::one, 7).remote();
    assertEquals(8, Ray.actor(Counter.Tally::new, start).remote().task(Counter.Tally::increment).remote().get());
    assertEquals(1 + 2 + 1 + 2 + 3 + 4, Ray.actor(Counter.Six::new, 1, 2, "a", "bb", Ray.put("ccc"), "dddd")
        .remote().task(Counter.Six::value).remote().get());
  }

  @Test
  void asyncMethodsResolveToTheFuturesValue() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    ObjectRef<Integer> later = counter.taskAsync(Counter::incrementLater, 200).remote();
    // The actor is not held while the future is pending: the next call runs meanwhile.
    assertEquals(0, counter.task(Counter::getCounter).remote().get(150));
    assertEquals(1, later.get(5000));
  }

  @Test
  void maxConcurrencyRunsCallsAtOnce() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setMaxConcurrency(4).remote();
    counter.task(Counter::getCounter).remote().get();
    long start = System.nanoTime();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      refs.add(counter.task(Counter::sleepThenGet, 1000).remote());
    }
    Ray.get(refs);
    long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    assertTrue(tookMs < 2500, "4 one-second calls with maxConcurrency 4 took " + tookMs + " ms");
  }

  @Test
  void handlesTravelToTasksAndActors() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    assertEquals(1, Ray.task(Counter::incrementThrough, counter).remote().get());
    ObjectRef<ActorHandle<Counter>> stored = Ray.put(counter);
    assertEquals(2, Ray.task(Counter::incrementThrough, stored).remote().get());
    assertEquals(3, stored.get().task(Counter::increment).remote().get());
    assertEquals(1, counter.task(Counter::callThroughOwnHandle).remote().get());
  }

  @Test
  void namedActorsAreFoundAndUnique() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setName("tally").remote();
    counter.task(Counter::increment).remote().get();
    Optional<ActorHandle<Counter>> found = Ray.getActor("tally");
    assertTrue(found.isPresent());
    assertEquals(2, found.get().task(Counter::increment).remote().get());
    assertEquals(counter.getId(), Ray.<Counter>getActor("tally", "actor-test").orElseThrow().getId());
    assertFalse(Ray.getActor("tally", "elsewhere").isPresent());
    assertThrows(IllegalArgumentException.class, () -> Ray.actor(Counter::new).setName("tally").remote());
    ActorHandle<Counter> other = Ray.actor(Counter::new).setName("tally", "elsewhere").remote();
    assertEquals(1, other.task(Counter::increment).remote().get());
    counter.kill();
    awaitDead(counter);
    assertFalse(Ray.getActor("tally").isPresent());
    ActorHandle<Counter> again = Ray.actor(Counter::new).setName("tally").remote();
    assertEquals(1, again.task(Counter::increment).remote().get());
  }

  @Test
  void killedActorsFailLaterAndQueuedCalls() throws Exception {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    CountDownLatch release = new CountDownLatch(1);
    Latches.put("kill-queued", release);
    ObjectRef<Integer> running = counter.task(Counter::awaitLatch, "kill-queued").remote();
    ObjectRef<Integer> queued = counter.task(Counter::increment).remote();
    counter.kill();
    assertThrows(RayActorException.class, () -> queued.get(10_000));
    release.countDown();
    assertThrows(RayActorException.class, () -> running.get(10_000));
    assertThrows(RayActorException.class, () -> counter.task(Counter::increment).remote().get(10_000));
    ActorInfo info = info(counter);
    assertEquals(ActorState.DEAD, info.getState());
    assertTrue(info.getDeathCause().contains("kill"), info.getDeathCause());
  }

  @Test
  void exitActorEndsTheActor() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    assertEquals(1, counter.task(Counter::increment).remote().get());
    assertThrows(RayActorException.class, () -> counter.task(Counter::exit).remote().get(10_000));
    assertThrows(RayActorException.class, () -> counter.task(Counter::increment).remote().get(10_000));
    assertTrue(info(counter).getDeathCause().contains("exit"));
  }

  @Test
  void aThrowingConstructorFailsEveryCallWithItsCause() {
    ActorHandle<Counter.Broken> broken = Ray.actor(Counter.Broken::new).remote();
    RayActorException error = assertThrows(RayActorException.class,
        () -> broken.task(Counter.Broken::ping).remote().get(10_000));
    assertInstanceOf(IllegalStateException.class, error.getCause());
    assertEquals("constructor broke", error.getCause().getMessage());
    assertThrows(RayActorException.class, () -> broken.task(Counter.Broken::ping).remote().get(10_000));
  }

  @Test
  void aMethodThatThrowsFailsOnlyThatCall() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    RayTaskException error = assertThrows(RayTaskException.class,
        () -> counter.task(Counter::fail).remote().get());
    assertInstanceOf(IllegalArgumentException.class, error.getCause());
    assertEquals(1, counter.task(Counter::increment).remote().get());
  }

  @Test
  void pendingCallsAreLimitedPerHandle() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setMaxPendingCalls(2).remote();
    CountDownLatch release = new CountDownLatch(1);
    Latches.put("pending-limit", release);
    ObjectRef<Integer> first = counter.task(Counter::awaitLatch, "pending-limit").remote();
    ObjectRef<Integer> second = counter.task(Counter::increment).remote();
    assertThrows(PendingCallsLimitExceededException.class, () -> counter.task(Counter::increment).remote());
    release.countDown();
    first.get();
    second.get();
    assertEquals(2, counter.task(Counter::increment).remote().get());
  }

  @Test
  void runtimeContextInsideAnActor() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    String[] parts = counter.task(Counter::whoAmI).remote().get().split("/");
    assertEquals(counter.getId().toString(), parts[0]);
    assertEquals(Ray.getRuntimeContext().getCurrentNodeId().toString(), parts[1]);
    assertEquals("false", parts[2]);
    assertNull(Ray.getRuntimeContext().getCurrentActorId());
    ActorInfo info = info(counter);
    assertEquals(ActorState.ALIVE, info.getState());
    assertEquals(Counter.class.getName(), info.getClassName());
    assertEquals(0, info.getNumRestarts());
  }

  @Test
  void twoThousandActorsUseFewThreads() {
    List<ActorHandle<Counter>> counters = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      counters.add(Ray.actor(Counter::new, i).remote());
    }
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (ActorHandle<Counter> counter : counters) {
      refs.add(counter.task(Counter::increment).remote());
    }
    List<Integer> values = Ray.get(refs);
    for (int i = 0; i < 2000; i++) {
      assertEquals(i + 1, values.get(i));
    }
    long actorThreads = Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("ray-actor-")).count();
    assertTrue(actorThreads < 200, actorThreads + " actor threads for 2000 idle actors");
  }

  static ActorInfo info(ActorHandle<?> handle) {
    return Ray.getRuntimeContext().getAllActorInfo().stream()
        .filter(a -> a.getActorId().equals(handle.getId())).findFirst().orElseThrow();
  }

  static void awaitDead(ActorHandle<?> handle) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (info(handle).getState() != ActorState.DEAD) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("actor " + handle.getId() + " never died: " + info(handle));
      }
      Thread.onSpinWait();
    }
  }
}
