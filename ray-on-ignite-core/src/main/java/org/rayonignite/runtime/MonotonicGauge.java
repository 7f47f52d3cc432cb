package org.rayonignite.runtime;

import java.util.function.LongSupplier;
import org.apache.ignite.internal.processors.metric.impl.LongGauge;

/** A gauge over a value that only grows: exported to Prometheus as a counter. */
final class MonotonicGauge extends LongGauge {
  MonotonicGauge(String fullName, String description, LongSupplier value) {
    super(fullName, description, value);
  }
}
