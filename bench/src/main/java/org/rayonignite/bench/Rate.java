package org.rayonignite.bench;

/** What one run measured: units completed in so many nanoseconds. */
record Rate(long units, long nanos) {
  double perSecond() {
    return nanos == 0 ? 0 : units * 1e9 / nanos;
  }

  /** The median run by rate (of an even number, the lower of the middle two); null if none. */
  static Rate median(java.util.List<Rate> runs) {
    if (runs.isEmpty()) {
      return null;
    }
    java.util.List<Rate> sorted = new java.util.ArrayList<>(runs);
    sorted.sort(java.util.Comparator.comparingDouble(Rate::perSecond));
    return sorted.get((sorted.size() - 1) / 2);
  }
}
