package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;

/**
 * {@code n_n_actor_calls_async}: {@value #CALLERS} callers at once, threads of this driver, each
 * calling a counter actor of its own on the task node with {@value TasksAsyncBenchmark#WINDOW}
 * calls in flight; raw: {@value #CALLERS} threads, each with {@code IgniteCompute.callAsync} on
 * that node and the same window, of a job that increments a counter of its own held there. Counts
 * the calls all callers complete per second. Measures actor-call throughput when callers and
 * actors contend for one node's network path and threads. Ray's callers are actors too; threads
 * sharing this driver's node are the cheaper stand-in. Ours checks that each actor's counts come
 * back 1, 2, 3...; raw, whose jobs run in any order, checks each count.
 */
final class ActorCallsManyCallersBenchmark implements Benchmark {
  static final int CALLERS = 4;

  @Override
  public String name() {
    return "n_n_actor_calls_async";
  }

  @Override
  public Target target() {
    return Target.perSecond(15_000);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    List<ActorHandle<ActorWork.Counter>> counters = ActorWork.counters(cluster, CALLERS, 1);
    List<Workload> callers = new ArrayList<>();
    for (ActorHandle<ActorWork.Counter> counter : counters) {
      ActorWork.InOrder results = new ActorWork.InOrder(1);
      callers.add(new InFlightWindow<ObjectRef<Long>>(TasksAsyncBenchmark.WINDOW,
          () -> counter.task(ActorWork.Counter::increment).remote(), ref -> results.check(ref.get())));
    }
    return ActorWork.killingOnClose(new ParallelCallers(callers), counters);
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    List<Workload> callers = new ArrayList<>();
    for (int i = 0; i < CALLERS; i++) {
      ActorWork.IncrementCallable job = new ActorWork.IncrementCallable();
      callers.add(new InFlightWindow<IgniteFuture<Long>>(TasksAsyncBenchmark.WINDOW,
          () -> compute.callAsync(job), future -> ActorWork.check(future.get())));
    }
    return new ParallelCallers(callers);
  }
}
