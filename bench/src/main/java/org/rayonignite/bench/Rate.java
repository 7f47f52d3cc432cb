package org.rayonignite.bench;

/** What one run measured: units completed in so many nanoseconds. */
record Rate(long units, long nanos) {
  double perSecond() {
    return nanos == 0 ? 0 : units * 1e9 / nanos;
  }

  static Rate better(Rate a, Rate b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return a.perSecond() >= b.perSecond() ? a : b;
  }
}
