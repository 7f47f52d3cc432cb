package org.rayonignite.bench;

import java.util.EnumSet;
import java.util.Set;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;

/**
 * {@code multi_client_tasks_async}: two driver processes at once, this JVM and a
 * {@link SecondDriver} JVM, each submitting trivial tasks to the task node with
 * {@value TasksAsyncBenchmark#WINDOW} in flight; raw: {@code IgniteCompute.callAsync} from both
 * drivers with the same window. Counts the calls both drivers complete per second. Measures task
 * throughput when submitters contend for one node: its queue, its result path back to two owners.
 * Needs a cluster with an address, so it runs over JVMs only.
 */
final class MultiClientTasksAsyncBenchmark implements Benchmark {
  @Override
  public String name() {
    return "multi_client_tasks_async";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.7);
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.of(Mode.TWO_JVMS);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    return new TwoDrivers(new InFlightWindow<ObjectRef<Integer>>(TasksAsyncBenchmark.WINDOW,
        () -> cluster.onTaskNode(Ray.task(TrivialWork::one)).remote(),
        ref -> TrivialWork.check(ref.get())), cluster.secondDriver(), true);
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    TrivialWork.OneCallable job = new TrivialWork.OneCallable();
    return new TwoDrivers(new InFlightWindow<IgniteFuture<Integer>>(TasksAsyncBenchmark.WINDOW,
        () -> compute.callAsync(job), future -> TrivialWork.check(future.get())),
        cluster.secondDriver(), false);
  }

  /**
   * This driver's window and the second driver's submission loop, started and stopped together:
   * a run's units are the calls both completed, in-flight ones drained at the end on both sides.
   */
  private static final class TwoDrivers implements Workload {
    private final InFlightWindow<?> local;
    private final SecondDriverProcess second;
    private final boolean ours;

    TwoDrivers(InFlightWindow<?> local, SecondDriverProcess second, boolean ours) {
      this.local = local;
      this.second = second;
      this.ours = ours;
    }

    @Override
    public void begin() {
      second.startSubmitting(ours);
    }

    @Override
    public long step() {
      return local.step();
    }

    @Override
    public long finish() {
      return local.finish() + second.stopSubmitting();
    }
  }
}
