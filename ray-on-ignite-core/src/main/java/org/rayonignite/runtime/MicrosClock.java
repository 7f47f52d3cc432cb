package org.rayonignite.runtime;

/**
 * Wall-clock time in microseconds since the epoch, for task start and end times: System.nanoTime
 * read against one anchor taken when the class loads, so a reading costs no allocation and is
 * finer than currentTimeMillis. (It does not follow later wall-clock adjustments; the timeline
 * only needs spans on one node to line up, and nodes' clocks differ anyway.)
 */
final class MicrosClock {
  private static final long ANCHOR_MICROS = System.currentTimeMillis() * 1000;
  private static final long ANCHOR_NANOS = System.nanoTime();

  private MicrosClock() {}

  static long now() {
    return ANCHOR_MICROS + (System.nanoTime() - ANCHOR_NANOS) / 1000;
  }
}
