package org.rayonignite.bench;

/**
 * Times one run of a {@link Workload}: steps it for the {@link RunLength}, lets it finish what it
 * has in flight, and reports the units completed per elapsed time. The clock is read once per
 * step (tens of nanoseconds, against microseconds for the cheapest operation measured here).
 */
final class RateMeter {
  private RateMeter() {}

  static Rate measure(Workload workload, RunLength length) {
    long units = 0;
    long start = System.nanoTime();
    workload.begin();
    if (length.isTimed()) {
      long end = start + length.duration().toNanos();
      while (System.nanoTime() < end) {
        units += workload.step();
      }
    } else {
      for (int i = 0; i < length.steps(); i++) {
        units += workload.step();
      }
    }
    units += workload.finish();
    return new Rate(units, System.nanoTime() - start);
  }
}
