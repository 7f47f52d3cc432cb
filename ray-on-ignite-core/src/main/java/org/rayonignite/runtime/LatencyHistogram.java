package org.rayonignite.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.apache.ignite.internal.processors.metric.impl.HistogramMetricImpl;

/**
 * An Ignite histogram that also keeps the sum and the largest of its values, so Prometheus gets
 * {@code _sum} and JMX a total and a maximum. Lock-free; recording allocates nothing.
 */
final class LatencyHistogram extends HistogramMetricImpl {
  private final LongAdder sum = new LongAdder();
  private final AtomicLong max = new AtomicLong();

  LatencyHistogram(String fullName, String description, long[] bounds) {
    super(fullName, description, bounds);
  }

  @Override
  public void value(long value) {
    super.value(value);
    sum.add(value);
    long seen;
    while (value > (seen = max.get()) && !max.compareAndSet(seen, value)) {
      // another thread raised it meanwhile: compare again
    }
  }

  long sum() {
    return sum.sum();
  }

  long max() {
    return max.get();
  }
}
