package org.rayonignite.bench;

import java.util.Locale;

/**
 * The goal a benchmark is held to: a minimum ratio of our rate to the raw Ignite rate measured in
 * the same run, or, where there is no raw counterpart, a minimum absolute rate; and optionally a
 * cap on the bytes our side moves between nodes, as a multiple of the fewest any placement must
 * move ({@link Benchmark#minimumBytesMoved}).
 */
record Target(double minimum, boolean relativeToRaw, double maxBytesOverMinimum) {
  static Target ratioToRaw(double minimumRatio) {
    return new Target(minimumRatio, true, Double.NaN);
  }

  static Target perSecond(double minimumRate) {
    return new Target(minimumRate, false, Double.NaN);
  }

  /** This target, and our side moves at most {@code factor} times the minimum bytes. */
  Target andBytesMovedAtMost(double factor) {
    return new Target(minimum, relativeToRaw, factor);
  }

  boolean capsBytes() {
    return !Double.isNaN(maxBytesOverMinimum);
  }

  /** Whether the figures of {@code result} meet the target. */
  boolean isMet(Result result) {
    Rate ours = result.ours().best();
    boolean rate;
    if (relativeToRaw) {
      Rate raw = result.raw() == null ? null : result.raw().best();
      rate = raw != null && raw.perSecond() > 0 && ours.perSecond() / raw.perSecond() >= minimum;
    } else {
      rate = ours.perSecond() >= minimum;
    }
    if (!capsBytes()) {
      return rate;
    }
    long moved = result.ours().bytesMoved();
    long least = result.benchmark().minimumBytesMoved(result.ours().timedUnits());
    return rate && moved >= 0 && moved <= maxBytesOverMinimum * least;
  }

  @Override
  public String toString() {
    String rate = relativeToRaw ? String.format(Locale.ROOT, ">=%.2f", minimum)
        : String.format(Locale.ROOT, ">=%,.0f/s", minimum);
    return capsBytes() ? rate + String.format(Locale.ROOT, ", bytes<=%.1fx min", maxBytesOverMinimum)
        : rate;
  }
}
