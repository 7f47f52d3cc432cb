package org.rayonignite.bench;

import java.util.Locale;

/**
 * The goal a benchmark is held to: a minimum ratio of our rate to the raw Ignite rate measured in
 * the same run, or, where there is no raw counterpart, a minimum absolute rate.
 */
record Target(double minimum, boolean relativeToRaw) {
  static Target ratioToRaw(double minimumRatio) {
    return new Target(minimumRatio, true);
  }

  static Target perSecond(double minimumRate) {
    return new Target(minimumRate, false);
  }

  /** Whether {@code ours} meets the target; {@code raw} is null when there is no raw figure. */
  boolean isMet(Rate ours, Rate raw) {
    if (relativeToRaw) {
      return raw != null && raw.perSecond() > 0 && ours.perSecond() / raw.perSecond() >= minimum;
    }
    return ours.perSecond() >= minimum;
  }

  @Override
  public String toString() {
    return relativeToRaw ? String.format(Locale.ROOT, ">=%.2f", minimum)
        : String.format(Locale.ROOT, ">=%,.0f/s", minimum);
  }
}
