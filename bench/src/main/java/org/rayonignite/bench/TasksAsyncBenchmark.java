package org.rayonignite.bench;

import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;

/**
 * {@code single_client_tasks_async}: trivial tasks on the task node with {@value #WINDOW} in
 * flight; raw: {@code IgniteCompute.callAsync} with the same window. Measures task throughput
 * when submission and completion overlap, where batching and per-task overhead show.
 */
final class TasksAsyncBenchmark implements Benchmark {
  static final int WINDOW = 512;

  @Override
  public String name() {
    return "single_client_tasks_async";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.7);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    return new InFlightWindow<ObjectRef<Integer>>(WINDOW,
        () -> cluster.onTaskNode(Ray.task(TrivialWork::one)).remote(),
        ref -> TrivialWork.check(ref.get()));
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    TrivialWork.OneCallable job = new TrivialWork.OneCallable();
    return new InFlightWindow<IgniteFuture<Integer>>(WINDOW, () -> compute.callAsync(job),
        future -> TrivialWork.check(future.get()));
  }
}
