package org.rayonignite.bench;

import java.util.Locale;

/** What a benchmark counts, and how its rate is printed: calls per second or gigabytes per second. */
enum Unit {
  CALLS {
    @Override
    String format(double perSecond) {
      return String.format(Locale.ROOT, "%,.0f /s", perSecond);
    }
  },
  BYTES {
    @Override
    String format(double perSecond) {
      return String.format(Locale.ROOT, "%.2f GB/s", perSecond / 1e9);
    }
  };

  abstract String format(double perSecond);
}
