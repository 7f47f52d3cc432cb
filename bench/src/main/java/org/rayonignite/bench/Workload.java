package org.rayonignite.bench;

/**
 * One side (ours or raw) of a benchmark, ready to run: what a single step does and how many units
 * (calls, bytes) it completes. A {@link RateMeter} calls {@link #step()} in a loop, then
 * {@link #finish()} once per run, inside the timing; {@link #close()} cleans up after all runs,
 * outside it.
 */
interface Workload extends AutoCloseable {
  /** Does one piece of work and returns the units it completed (0 if it only started some). */
  long step();

  /** Completes work still in flight at the end of a run and returns its units. */
  default long finish() {
    return 0;
  }

  /** Releases what the workload made (objects, keys); not timed. */
  @Override
  default void close() {}
}
