package org.rayonignite.bench;

/**
 * One side (ours or raw) of a benchmark, ready to run: what a single step does and how many units
 * (calls, bytes) it completes. A {@link RateMeter} calls {@link #begin()} once per run, then
 * {@link #step()} in a loop, then {@link #finish()} once, all inside the timing; {@link #close()}
 * cleans up after all runs, outside it.
 */
interface Workload extends AutoCloseable {
  /** Marks the start of a run, inside the timing (e.g. tells another process to start too). */
  default void begin() {}

  /** Does one piece of work and returns the units it completed (0 if it only started some). */
  long step();

  /** Completes work still in flight at the end of a run and returns its units. */
  default long finish() {
    return 0;
  }

  /**
   * Bytes this side has moved between nodes so far, a running total that the runner reads before
   * and after each timed run, outside the timing; -1 if the side does not count them.
   */
  default long bytesMoved() {
    return -1;
  }

  /** Releases what the workload made (objects, keys); not timed. */
  @Override
  default void close() {}
}
