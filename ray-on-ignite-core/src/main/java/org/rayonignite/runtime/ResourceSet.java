package org.rayonignite.runtime;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An immutable demand for resources, e.g. {@code {CPU=1.0}}. Amounts are non-negative; zero
 * amounts are dropped, so a zero-CPU task demands nothing.
 */
final class ResourceSet {
  static final ResourceSet ONE_CPU = new ResourceSet(new String[] {"CPU"}, new double[] {1.0});
  static final ResourceSet EMPTY = new ResourceSet(new String[0], new double[0]);

  final String[] names;
  final double[] amounts;

  private ResourceSet(String[] names, double[] amounts) {
    this.names = names;
    this.amounts = amounts;
  }

  static ResourceSet of(Map<String, Double> resources) {
    Map<String, Double> nonZero = new LinkedHashMap<>();
    resources.forEach((name, amount) -> {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("resource name must not be blank: " + resources);
      }
      if (amount == null || !(amount >= 0) || amount.isInfinite()) {
        throw new IllegalArgumentException("resource " + name + " must be a finite amount >= 0, got " + amount);
      }
      if (amount > 0) {
        nonZero.put(name, amount);
      }
    });
    if (nonZero.size() == 1 && nonZero.getOrDefault("CPU", 0.0) == 1.0) {
      return ONE_CPU;
    }
    String[] names = nonZero.keySet().toArray(new String[0]);
    double[] amounts = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      amounts[i] = nonZero.get(names[i]);
    }
    return new ResourceSet(names, amounts);
  }

  static ResourceSet of(String[] names, double[] amounts) {
    return names.length == 0 ? EMPTY : new ResourceSet(names, amounts);
  }

  double get(String name) {
    for (int i = 0; i < names.length; i++) {
      if (names[i].equals(name)) {
        return amounts[i];
      }
    }
    return 0;
  }

  boolean isEmpty() {
    return names.length == 0;
  }

  /** Whether every amount fits in {@code totals}. */
  boolean fitsIn(Map<String, Double> totals) {
    for (int i = 0; i < names.length; i++) {
      if (totals.getOrDefault(names[i], 0.0) + 1e-9 < amounts[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether every amount is at most {@code other}'s amount of the same resource. */
  boolean fitsWithin(ResourceSet other) {
    for (int i = 0; i < names.length; i++) {
      if (other.get(names[i]) + 1e-9 < amounts[i]) {
        return false;
      }
    }
    return true;
  }

  Map<String, Double> toMap() {
    Map<String, Double> map = new LinkedHashMap<>();
    for (int i = 0; i < names.length; i++) {
      map.put(names[i], amounts[i]);
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ResourceSet that && java.util.Arrays.equals(names, that.names)
        && java.util.Arrays.equals(amounts, that.amounts);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(names) * 31 + java.util.Arrays.hashCode(amounts);
  }

  @Override
  public String toString() {
    return toMap().toString();
  }
}
