package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The goal a benchmark is held to: a minimum ratio of our rate to the raw Ignite rate measured in
 * the same run, a minimum absolute rate, or both; and optionally a cap on the bytes our side moves
 * between nodes, as a multiple of the fewest any placement must move
 * ({@link Benchmark#minimumBytesMoved}). A condition that is NaN does not apply; every one that
 * applies must be met.
 */
record Target(double minimumRatio, double minimumPerSecond, double maxBytesOverMinimum) {
  static Target ratioToRaw(double minimumRatio) {
    return new Target(minimumRatio, Double.NaN, Double.NaN);
  }

  static Target perSecond(double minimumRate) {
    return new Target(Double.NaN, minimumRate, Double.NaN);
  }

  /** This target, and our side completes at least {@code minimumRate} units per second. */
  Target andPerSecond(double minimumRate) {
    return new Target(minimumRatio, minimumRate, maxBytesOverMinimum);
  }

  /** This target, and our side moves at most {@code factor} times the minimum bytes. */
  Target andBytesMovedAtMost(double factor) {
    return new Target(minimumRatio, minimumPerSecond, factor);
  }

  boolean relativeToRaw() {
    return !Double.isNaN(minimumRatio);
  }

  boolean hasMinimumRate() {
    return !Double.isNaN(minimumPerSecond);
  }

  boolean capsBytes() {
    return !Double.isNaN(maxBytesOverMinimum);
  }

  /** Whether the figures of {@code result} meet the target. */
  boolean isMet(Result result) {
    Rate ours = result.ours().median();
    if (relativeToRaw()) {
      Rate raw = result.raw() == null ? null : result.raw().median();
      if (raw == null || raw.perSecond() <= 0 || ours.perSecond() / raw.perSecond() < minimumRatio) {
        return false;
      }
    }
    if (hasMinimumRate() && ours.perSecond() < minimumPerSecond) {
      return false;
    }
    if (capsBytes()) {
      long moved = result.ours().bytesMoved();
      long least = result.benchmark().minimumBytesMoved(result.ours().timedUnits());
      return moved >= 0 && moved <= maxBytesOverMinimum * least;
    }
    return true;
  }

  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    if (relativeToRaw()) {
      parts.add(String.format(Locale.ROOT, ">=%.2f", minimumRatio));
    }
    if (hasMinimumRate()) {
      parts.add(String.format(Locale.ROOT, ">=%,.0f/s", minimumPerSecond));
    }
    if (capsBytes()) {
      parts.add(String.format(Locale.ROOT, "bytes<=%.1fx min", maxBytesOverMinimum));
    }
    return String.join(", ", parts);
  }
}
