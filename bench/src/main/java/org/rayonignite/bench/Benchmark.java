package org.rayonignite.bench;

/**
 * One Ray microbenchmark shape: its name (as in Ray's {@code ray microbenchmark}), what it counts,
 * its target, and its two sides, ours (the Ray API) and raw (plain Ignite doing the same thing on
 * the same node), each written once for any {@link ClusterUnderTest}.
 */
interface Benchmark {
  String name();

  Target target();

  default Unit unit() {
    return Unit.CALLS;
  }

  /** The Ray side, ready to run in {@code cluster}. */
  Workload ours(ClusterUnderTest cluster);

  /** The raw Ignite side, or null if the shape has no raw counterpart. */
  Workload raw(ClusterUnderTest cluster);

  /** How long to warm up each side; by default the standard length. */
  default RunLength warmUp(RunLength standard) {
    return standard;
  }

  /** How long each timed run lasts; by default the standard length. */
  default RunLength timed(RunLength standard) {
    return standard;
  }
}
