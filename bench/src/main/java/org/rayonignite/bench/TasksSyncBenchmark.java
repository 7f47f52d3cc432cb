package org.rayonignite.bench;

import org.apache.ignite.IgniteCompute;
import org.rayonignite.Ray;

/**
 * {@code single_client_tasks_sync}: one trivial task at a time, submitted and awaited, on the task
 * node; raw: one {@code IgniteCompute.call} at a time on that node. Measures the round-trip
 * latency of a task, all fixed costs included.
 */
final class TasksSyncBenchmark implements Benchmark {
  @Override
  public String name() {
    return "single_client_tasks_sync";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.8);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    return () -> {
      TrivialWork.check(cluster.onTaskNode(Ray.task(TrivialWork::one)).remote().get());
      return 1;
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    TrivialWork.OneCallable job = new TrivialWork.OneCallable();
    return () -> {
      TrivialWork.check(compute.call(job));
      return 1;
    };
  }
}
