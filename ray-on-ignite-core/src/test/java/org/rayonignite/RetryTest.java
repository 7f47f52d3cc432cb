package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.config.RayConfig;

/** Retries on application exceptions, for tasks and actor methods, on an embedded cluster. */
class RetryTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 4.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  private static ActorHandle<Counter> attempts() {
    return Ray.actor(Counter::new).setResource("CPU", 0.0).remote();
  }

  @Test
  void exceptionsAreNotRetriedByDefault() {
    ActorHandle<Counter> attempts = attempts();
    RayTaskException error = assertThrows(RayTaskException.class,
        () -> Ray.task(Flaky::failFirst, attempts, 1).remote().get());
    assertInstanceOf(IllegalStateException.class, error.getCause());
    assertEquals(1, attempts.task(Counter::getCounter).remote().get());
  }

  @Test
  void aTaskIsRunAgainWhileRetriesLast() {
    ActorHandle<Counter> attempts = attempts();
    assertEquals(3, Ray.task(Flaky::failFirst, attempts, 2).setMaxRetries(2).setRetryExceptions(true)
        .remote().get());
    ActorHandle<Counter> tooFew = attempts();
    RayTaskException error = assertThrows(RayTaskException.class, () -> Ray.task(Flaky::failFirst, tooFew, 5)
        .setMaxRetries(2).setRetryExceptions(true).remote().get());
    assertTrue(error.getCause().getMessage().contains("attempt 3"), error.getCause().getMessage()); // the last one
    assertEquals(3, tooFew.task(Counter::getCounter).remote().get());
  }

  @Test
  void onlyListedExceptionsAreRetried() {
    ActorHandle<Counter> listed = attempts();
    assertEquals(2, Ray.task(Flaky::failFirst, listed, 1).setMaxRetries(3)
        .setRetryExceptions(List.of(RuntimeException.class)).remote().get()); // a subclass matches
    ActorHandle<Counter> other = attempts();
    assertThrows(RayTaskException.class, () -> Ray.task(Flaky::failFirst, other, 1).setMaxRetries(3)
        .setRetryExceptions(List.of(IllegalArgumentException.class)).remote().get());
    assertEquals(1, other.task(Counter::getCounter).remote().get());
  }

  @Test
  void actorMethodsRetryUpToTheActorsMaxTaskRetries() {
    ActorHandle<Flaky.Worker> worker = Ray.actor(Flaky.Worker::new).setMaxTaskRetries(2).remote();
    assertEquals(3, worker.task(Flaky.Worker::failFirst, 2).setRetryExceptions(true).remote().get());
    ActorHandle<Flaky.Worker> notRetried = Ray.actor(Flaky.Worker::new).setMaxTaskRetries(2).remote();
    RayTaskException error = assertThrows(RayTaskException.class,
        () -> notRetried.task(Flaky.Worker::failFirst, 1).remote().get()); // retryExceptions is off
    assertInstanceOf(IllegalArgumentException.class, error.getCause());
    ActorHandle<Flaky.Worker> tooFew = Ray.actor(Flaky.Worker::new).setMaxTaskRetries(1).remote();
    error = assertThrows(RayTaskException.class, () -> tooFew.task(Flaky.Worker::failFirst, 5)
        .setRetryExceptions(List.of(IllegalArgumentException.class)).remote().get());
    assertTrue(error.getCause().getMessage().contains("call 2"), error.getCause().getMessage());
    assertEquals(3, tooFew.task(Flaky.Worker::failFirst, 0).remote().get()); // the actor lives on
  }
}
