package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteCallable;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;

/**
 * {@code multiple_returns_100}: one task at a time on the task node, called with
 * {@code setNumReturns(}{@value #RETURNS}{@code )}, returns a {@code List} of {@value #RETURNS}
 * small ints, each of which becomes an object with a ref of its own; the driver gets all
 * {@value #RETURNS} refs with one {@code Ray.get}. Raw: one {@code IgniteCompute.call} at a time
 * on that node of a job returning the same list, which comes back as one value. Counts objects
 * (values) per second, {@value #RETURNS} per call; both sides check every value.
 */
final class MultipleReturnsBenchmark implements Benchmark {
  static final int RETURNS = 100;

  @Override
  public String name() {
    return "multiple_returns_" + RETURNS;
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.5);
  }

  @Override
  public String note() {
    return "objects/s: " + RETURNS + " per call";
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    return () -> {
      List<ObjectRef<Integer>> refs = cluster.onTaskNode(Ray.task(MultipleReturnsBenchmark::values))
          .setNumReturns(RETURNS).remote();
      if (refs.size() != RETURNS) {
        throw new IllegalStateException("setNumReturns(" + RETURNS + ") gave " + refs.size() + " refs");
      }
      check(Ray.get(refs));
      return RETURNS;
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    IgniteCompute compute = cluster.rawComputeOnTaskNode();
    ValuesCallable job = new ValuesCallable();
    return () -> {
      check(compute.call(job));
      return RETURNS;
    };
  }

  /** The Ray task: the values 0 to {@value #RETURNS}{@code - 1}. */
  static List<Integer> values() {
    List<Integer> values = new ArrayList<>(RETURNS);
    for (int i = 0; i < RETURNS; i++) {
      values.add(i);
    }
    return values;
  }

  /** The raw Ignite job: the same list. A static nested class, so the worker loads it. */
  static final class ValuesCallable implements IgniteCallable<List<Integer>> {
    private static final long serialVersionUID = 1L;

    @Override
    public List<Integer> call() {
      return values();
    }
  }

  /** Throws unless {@code values} are 0 to {@value #RETURNS}{@code - 1}, in order. */
  private static void check(List<Integer> values) {
    if (values == null || values.size() != RETURNS) {
      throw new IllegalStateException("a call returned " + (values == null ? "null" : values.size()
          + " values") + ", expected " + RETURNS);
    }
    for (int i = 0; i < RETURNS; i++) {
      Integer value = values.get(i);
      if (value == null || value != i) {
        throw new IllegalStateException("value " + i + " of a call is " + value);
      }
    }
  }
}
