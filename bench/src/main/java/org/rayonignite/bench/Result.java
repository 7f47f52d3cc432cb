package org.rayonignite.bench;

/**
 * One row of the report: a benchmark's best rate for us and for raw Ignite (null: no raw
 * counterpart) in one mode, or the error that stopped it.
 */
record Result(String mode, Benchmark benchmark, Rate ours, Rate raw, String error) {
  static Result measured(String mode, Benchmark benchmark, Rate ours, Rate raw) {
    return new Result(mode, benchmark, ours, raw, null);
  }

  static Result failed(String mode, Benchmark benchmark, Throwable error) {
    return new Result(mode, benchmark, null, null, error.getClass().getSimpleName() + ": "
        + error.getMessage());
  }

  boolean passed() {
    return error == null && benchmark.target().isMet(ours, raw);
  }
}
