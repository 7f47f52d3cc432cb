package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.WaitResult;

/**
 * {@code single_client_wait_1k_refs}: {@code Ray.wait} on {@value #REFS} refs that are all ready
 * (results of trivial tasks that ran on the task node). Measures the per-ref cost of
 * {@code wait}'s bookkeeping; Ignite has no counterpart, so the target is absolute.
 */
final class WaitOnReadyRefsBenchmark implements Benchmark {
  static final int REFS = 1000;

  @Override
  public String name() {
    return "single_client_wait_1k_refs";
  }

  @Override
  public Target target() {
    return Target.perSecond(200);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    List<ObjectRef<Integer>> refs = new ArrayList<>(REFS);
    for (int i = 0; i < REFS; i++) {
      refs.add(cluster.onTaskNode(Ray.task(TrivialWork::one)).remote());
    }
    Ray.get(refs);
    return () -> {
      WaitResult<Integer> result = Ray.wait(refs);
      if (result.getReady().size() != REFS) {
        throw new IllegalStateException("wait found " + result.getReady().size() + " of " + REFS
            + " ready refs ready");
      }
      return 1;
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    return null;
  }
}
