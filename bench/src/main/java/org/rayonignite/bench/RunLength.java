package org.rayonignite.bench;

import java.time.Duration;

/**
 * How long one run lasts: for a fixed time (fast operations, thousands of steps) or for a fixed
 * number of steps (slow operations such as 64 MiB puts, where a count bounds the memory used).
 */
record RunLength(Duration duration, int steps) {
  static RunLength ofTime(Duration duration) {
    return new RunLength(duration, 0);
  }

  static RunLength ofSteps(int steps) {
    return new RunLength(null, steps);
  }

  boolean isTimed() {
    return duration != null;
  }

  @Override
  public String toString() {
    return isTimed() ? duration.toMillis() + " ms" : steps + " steps";
  }
}
