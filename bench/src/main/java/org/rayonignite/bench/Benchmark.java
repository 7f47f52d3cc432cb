package org.rayonignite.bench;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Set;

/**
 * One Ray microbenchmark shape: its name (as in Ray's {@code ray microbenchmark}), what it counts,
 * its target, and its two sides, ours (the Ray API) and raw (plain Ignite doing the same thing on
 * the same node), each written once for any {@link ClusterUnderTest}. A benchmark may add other
 * sides measured alongside (another placement of the same work, say), shown under its row.
 */
interface Benchmark {
  String name();

  Target target();

  default Unit unit() {
    return Unit.CALLS;
  }

  /** The deployments it runs in; by default embedded and over 2 JVMs. */
  default Set<Mode> modes() {
    return EnumSet.of(Mode.EMBEDDED, Mode.TWO_JVMS);
  }

  /** The Ray side, ready to run in {@code cluster}. */
  Workload ours(ClusterUnderTest cluster);

  /** The raw Ignite side, or null if the shape has no raw counterpart. */
  Workload raw(ClusterUnderTest cluster);

  /** Other sides, by name, measured with ours and raw and reported under the row; none by default. */
  default LinkedHashMap<String, Workload> others(ClusterUnderTest cluster) {
    return new LinkedHashMap<>();
  }

  /**
   * The fewest bytes any placement must move between nodes to complete {@code units}, for a
   * target on bytes moved; 0 by default (everything can run where its data is).
   */
  default long minimumBytesMoved(long units) {
    return 0;
  }

  /** A remark printed under the row (e.g. why the raw side moves no bytes), or null. */
  default String note() {
    return null;
  }

  /** How long to warm up each side; by default the standard length. */
  default RunLength warmUp(RunLength standard) {
    return standard;
  }

  /** How long each timed run lasts; by default the standard length. */
  default RunLength timed(RunLength standard) {
    return standard;
  }
}
