package org.rayonignite.bench;

import java.util.List;

/**
 * One row of the report: a benchmark's figures in one mode, for us, for raw Ignite (null: no raw
 * counterpart) and for its other sides, or the error that stopped it.
 */
record Result(String mode, Benchmark benchmark, SideResult ours, SideResult raw,
    List<SideResult> others, String error) {

  /**
   * What one side measured: its median run, and over all its timed runs the units completed and the
   * bytes it moved between nodes (-1: the side does not count them).
   */
  record SideResult(String name, Rate median, long timedUnits, long bytesMoved) {
    boolean countsBytes() {
      return bytesMoved >= 0;
    }
  }

  static Result measured(String mode, Benchmark benchmark, SideResult ours, SideResult raw,
      List<SideResult> others) {
    return new Result(mode, benchmark, ours, raw, others, null);
  }

  static Result failed(String mode, Benchmark benchmark, Throwable error) {
    return new Result(mode, benchmark, null, null, List.of(), error.getClass().getSimpleName() + ": "
        + error.getMessage());
  }

  boolean passed() {
    return error == null && benchmark.target().isMet(this);
  }
}
