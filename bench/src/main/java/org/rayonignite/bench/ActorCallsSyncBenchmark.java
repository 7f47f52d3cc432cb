package org.rayonignite.bench;

import java.util.List;
import org.apache.ignite.IgniteCompute;
import org.rayonignite.api.actor.ActorHandle;

/**
 * {@code 1_1_actor_calls_sync}: one call at a time to one counter actor on the task node,
 * submitted and awaited; raw: one {@code IgniteCompute.call} at a time on that node of a job that
 * increments a counter held there. Measures the round-trip latency of an actor call, all fixed
 * costs included. Both sides check that the counts come back 1, 2, 3...
 */
final class ActorCallsSyncBenchmark implements Benchmark {
  @Override
  public String name() {
    return "1_1_actor_calls_sync";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.8).andPerSecond(3_000);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    ActorHandle<ActorWork.Counter> counter = ActorWork.counters(cluster, 1, 1).get(0);
    ActorWork.InOrder results = new ActorWork.InOrder(1);
    return ActorWork.killingOnClose(() -> {
      results.check(counter.task(ActorWork.Counter::increment).remote().get());
      return 1;
    }, List.of(counter));
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    ActorWork.IncrementCallable job = new ActorWork.IncrementCallable();
    ActorWork.InOrder results = new ActorWork.InOrder(1);
    return () -> {
      results.check(compute.call(job));
      return 1;
    };
  }
}
