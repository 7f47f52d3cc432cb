package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;

/**
 * One caller, calls to counter actors on the task node with {@value TasksAsyncBenchmark#WINDOW}
 * in flight, spread round-robin over the actors; raw: {@code IgniteCompute.callAsync} on that node
 * with the same window, of jobs that increment one counter held there per emulated actor. Three
 * shapes: {@code 1_1_actor_calls_async} (one actor, one call at a time in it),
 * {@code 1_1_actor_calls_concurrent} (one actor running up to {@value #CONCURRENCY} calls at
 * once, as Ray's threaded actor) and {@code 1_n_actor_calls_async} ({@value #ACTORS} actors).
 * Measures actor-call throughput when submission and completion overlap. Where an actor runs one
 * call at a time, ours checks that each actor's counts come back 1, 2, 3... (calls from one
 * caller run in order); raw jobs run on Ignite's pool in any order, so raw, like the concurrent
 * actor, checks each count only.
 */
final class ActorCallsAsyncBenchmark implements Benchmark {
  static final int CONCURRENCY = 16;
  static final int ACTORS = 4;

  private final String name;
  private final int actors;
  private final int maxConcurrency;

  private ActorCallsAsyncBenchmark(String name, int actors, int maxConcurrency) {
    this.name = name;
    this.actors = actors;
    this.maxConcurrency = maxConcurrency;
  }

  /** {@code 1_1_actor_calls_async}: one actor, which runs one call at a time. */
  static ActorCallsAsyncBenchmark oneActor() {
    return new ActorCallsAsyncBenchmark("1_1_actor_calls_async", 1, 1);
  }

  /** {@code 1_1_actor_calls_concurrent}: one actor, which runs up to {@value #CONCURRENCY} calls at once. */
  static ActorCallsAsyncBenchmark oneConcurrentActor() {
    return new ActorCallsAsyncBenchmark("1_1_actor_calls_concurrent", 1, CONCURRENCY);
  }

  /** {@code 1_n_actor_calls_async}: {@value #ACTORS} actors, each running one call at a time. */
  static ActorCallsAsyncBenchmark manyActors() {
    return new ActorCallsAsyncBenchmark("1_n_actor_calls_async", ACTORS, 1);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Target target() {
    return Target.perSecond(15_000);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    List<ActorHandle<ActorWork.Counter>> counters = ActorWork.counters(cluster, actors, maxConcurrency);
    ActorWork.RoundRobin<ActorHandle<ActorWork.Counter>> next = new ActorWork.RoundRobin<>(counters);
    Consumer<Long> check = maxConcurrency == 1 ? new ActorWork.InOrder(actors)::check : ActorWork::check;
    return ActorWork.killingOnClose(new InFlightWindow<ObjectRef<Long>>(TasksAsyncBenchmark.WINDOW,
        () -> next.get().task(ActorWork.Counter::increment).remote(),
        ref -> check.accept(ref.get())), counters);
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    List<ActorWork.IncrementCallable> jobs = new ArrayList<>();
    for (int i = 0; i < actors; i++) {
      jobs.add(new ActorWork.IncrementCallable());
    }
    ActorWork.RoundRobin<ActorWork.IncrementCallable> next = new ActorWork.RoundRobin<>(jobs);
    return new InFlightWindow<IgniteFuture<Long>>(TasksAsyncBenchmark.WINDOW,
        () -> compute.callAsync(next.get()), future -> ActorWork.check(future.get()));
  }
}
