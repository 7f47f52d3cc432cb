package org.rayonignite.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayActorException;

/**
 * The Java snippets of Ray's Actors page, with our names: a stateful counter, async methods,
 * concurrency, killing, and named actors. A detached named actor found from a second driver JVM is
 * a program of its own: {@link NamedActorExample}.
 */
final class ActorsExamples {
  private ActorsExamples() {}

  /** What the section saw, for {@code ExamplesTest}. */
  record Results(
      int firstIncrement,
      List<Integer> tenCounters,
      List<Integer> fiveMoreIncrements,
      int counterAfterwards,
      String asyncReceived,
      List<Boolean> metWithMaxConcurrency2,
      List<Boolean> metWithMaxConcurrency1,
      String callAfterKill,
      boolean namedFound,
      boolean namedIsSameActor,
      int namedCounter,
      boolean unknownNameFound) {}

  /**
   * An async actor: {@code receive} returns a future that a later {@code send} completes. The
   * actor runs one call at a time, so this only works because a pending future does not hold the
   * actor's thread.
   */
  static final class Mailbox {
    private CompletableFuture<String> next = new CompletableFuture<>();

    CompletableFuture<String> receive() {
      return next;
    }

    String send(String message) {
      CompletableFuture<String> delivered = next;
      next = new CompletableFuture<>();
      delivered.complete(message);
      return "sent";
    }
  }

  /**
   * Two calls meet here: each waits up to {@code timeoutMs} for the other. Both meet only if the
   * actor runs them at the same time, which takes {@code setMaxConcurrency(2)}.
   */
  static final class Rendezvous {
    private final CountDownLatch arrivals = new CountDownLatch(2);

    boolean meet(long timeoutMs) throws InterruptedException {
      arrivals.countDown();
      return arrivals.await(timeoutMs, TimeUnit.MILLISECONDS);
    }
  }

  static Results run() {
    // Create an actor from a class: Ray.actor takes a factory, here Counter's constructor.
    ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
    // Call the actor: remote() returns at once with a ref to the method's result.
    ObjectRef<Integer> objectRef = counter.task(Counter::increment).remote();
    int firstIncrement = objectRef.get();
    System.out.println("counter.increment() returned " + firstIncrement);

    // Ten counters, each incremented once: the calls run in parallel (actors hold no CPU).
    List<ActorHandle<Counter>> counters = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      counters.add(Ray.actor(Counter::new).remote());
    }
    List<ObjectRef<Integer>> objectRefs = new ArrayList<>();
    for (ActorHandle<Counter> counterActor : counters) {
      objectRefs.add(counterActor.task(Counter::increment).remote());
    }
    List<Integer> tenCounters = Ray.get(objectRefs);
    System.out.println("ten counters, one increment each: " + tenCounters);

    // Calls on one actor run one after another, in order, and share its state.
    objectRefs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      objectRefs.add(counters.get(0).task(Counter::increment).remote());
    }
    List<Integer> fiveMore = Ray.get(objectRefs);
    int counterAfterwards = counters.get(0).task(Counter::getCounter).remote().get();
    System.out.println("the first of them, five more increments: " + fiveMore
        + "; getCounter() = " + counterAfterwards);

    // An async method returns a CompletableFuture: taskAsync types the ref by the future's value.
    ActorHandle<Mailbox> mailbox = Ray.actor(Mailbox::new).remote();
    ObjectRef<String> received = mailbox.taskAsync(Mailbox::receive).remote();
    mailbox.task(Mailbox::send, "hello").remote().get();
    String asyncReceived = received.get(30_000);
    System.out.println("async actor: receive() returned \"" + asyncReceived
        + "\", sent by a later call while it was pending");

    // setMaxConcurrency(2): the actor runs up to two calls at once, so two calls can meet.
    ActorHandle<Rendezvous> concurrent = Ray.actor(Rendezvous::new).setMaxConcurrency(2).remote();
    List<ObjectRef<Boolean>> meetings = List.of(
        concurrent.task(Rendezvous::meet, 30_000L).remote(),
        concurrent.task(Rendezvous::meet, 30_000L).remote());
    List<Boolean> metConcurrently = Ray.get(meetings);
    // The default, one call at a time: the first call waits alone and gives up after 300 ms.
    ActorHandle<Rendezvous> serial = Ray.actor(Rendezvous::new).remote();
    meetings = List.of(serial.task(Rendezvous::meet, 300L).remote(),
        serial.task(Rendezvous::meet, 300L).remote());
    List<Boolean> metSerially = Ray.get(meetings);
    System.out.println("two calls met: with setMaxConcurrency(2) " + metConcurrently
        + ", with the default of 1 " + metSerially);

    // Kill an actor: its state is gone and later calls throw RayActorException from get.
    counters.get(0).kill();
    String callAfterKill;
    try {
      callAfterKill = "returned " + counters.get(0).task(Counter::getCounter).remote().get();
    } catch (RayActorException e) {
      callAfterKill = e.getClass().getSimpleName();
    }
    System.out.println("after kill(), getCounter() threw " + callAfterKill);
    for (ActorHandle<?> actor : List.of(counter, mailbox, concurrent, serial)) {
      actor.kill();
    }
    counters.subList(1, counters.size()).forEach(ActorHandle::kill);

    // A named actor: any driver in the same namespace can look it up.
    ActorHandle<Counter> named = Ray.actor(Counter::new).setName("global_counter").remote();
    named.task(Counter::increment).remote().get();
    Optional<ActorHandle<Counter>> found = Ray.getActor("global_counter");
    boolean sameActor = found.isPresent() && found.get().getId().equals(named.getId());
    int namedCounter = found.isPresent() ? found.get().task(Counter::getCounter).remote().get() : -1;
    boolean unknownFound = Ray.getActor("no_such_actor").isPresent();
    System.out.println("Ray.getActor(\"global_counter\"): " + (found.isPresent()
        ? "found, the same actor: " + sameActor + ", getCounter() = " + namedCounter
        : "not found")
        + "; Ray.getActor(\"no_such_actor\") is present: " + unknownFound);
    named.kill(); // its name is free again
    return new Results(firstIncrement, tenCounters, fiveMore, counterAfterwards, asyncReceived,
        metConcurrently, metSerially, callAfterKill, found.isPresent(), sameActor, namedCounter,
        unknownFound);
  }
}
