package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.ignite.internal.processors.metric.impl.LongAdderMetric;
import org.apache.ignite.spi.metric.BooleanMetric;
import org.apache.ignite.spi.metric.DoubleMetric;
import org.apache.ignite.spi.metric.HistogramMetric;
import org.apache.ignite.spi.metric.IntMetric;
import org.apache.ignite.spi.metric.LongMetric;
import org.apache.ignite.spi.metric.Metric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;

/**
 * Ignite metric registries in Prometheus text exposition format (version 0.0.4).
 *
 * <p>Names: Ignite's {@code ray.tasks.SchedulingLatencyMicros} becomes
 * {@code ray_tasks_scheduling_latency_micros} (dots and other characters Prometheus does not take
 * become underscores, camel case becomes snake case). Our counters ({@link LongAdderMetric} and
 * {@link MonotonicGauge} in {@code ray.} registries) are typed {@code counter} with the
 * {@code _total} suffix; histograms become Prometheus histograms (cumulative buckets, {@code _count},
 * and {@code _sum} when known); other numbers and booleans are gauges; text metrics are left out.
 */
final class PrometheusText {
  /** Registries whose names start so are ours. */
  static final String RAY_PREFIX = "ray.";

  private PrometheusText() {}

  /** The metrics of the {@code ray.} registries, and of all others with {@code includeIgnite}. */
  static String format(Iterable<ReadOnlyMetricRegistry> registries, boolean includeIgnite) {
    List<ReadOnlyMetricRegistry> chosen = new ArrayList<>();
    for (ReadOnlyMetricRegistry registry : registries) {
      if (includeIgnite || registry.name().startsWith(RAY_PREFIX)) {
        chosen.add(registry);
      }
    }
    chosen.sort(Comparator.comparing(ReadOnlyMetricRegistry::name));
    StringBuilder out = new StringBuilder(4096);
    Set<String> families = new HashSet<>();
    for (ReadOnlyMetricRegistry registry : chosen) {
      boolean ours = registry.name().startsWith(RAY_PREFIX);
      List<Metric> metrics = new ArrayList<>();
      registry.forEach(metrics::add);
      metrics.sort(Comparator.comparing(Metric::name));
      for (Metric metric : metrics) {
        write(metric, ours, families, out);
      }
    }
    return out.toString();
  }

  private static void write(Metric metric, boolean ours, Set<String> families, StringBuilder out) {
    String name = name(metric.name());
    if (metric instanceof HistogramMetric histogram) {
      if (families.add(name)) {
        header(out, name, metric, "histogram");
        histogram(out, name, histogram);
      }
      return;
    }
    String value = value(metric);
    if (value == null) {
      return; // text or other objects: not a number Prometheus can take
    }
    boolean counter = ours && (metric instanceof LongAdderMetric || metric instanceof MonotonicGauge);
    String family = counter ? name + "_total" : name;
    if (families.add(family)) {
      header(out, family, metric, counter ? "counter" : "gauge");
      out.append(family).append(' ').append(value).append('\n');
    }
  }

  private static void header(StringBuilder out, String family, Metric metric, String type) {
    String description = metric.description();
    out.append("# HELP ").append(family).append(' ')
        .append(escape(description == null || description.isBlank() ? "" : description + " "))
        .append('(').append(escape(metric.name())).append(")\n");
    out.append("# TYPE ").append(family).append(' ').append(type).append('\n');
  }

  private static void histogram(StringBuilder out, String name, HistogramMetric histogram) {
    long[] bounds = histogram.bounds();
    long[] counts = histogram.value();
    long cumulative = 0;
    for (int i = 0; i < counts.length; i++) {
      cumulative += counts[i];
      out.append(name).append("_bucket{le=\"")
          .append(i < bounds.length ? Long.toString(bounds[i]) : "+Inf").append("\"} ")
          .append(cumulative).append('\n');
    }
    if (histogram instanceof LatencyHistogram latency) {
      out.append(name).append("_sum ").append(latency.sum()).append('\n');
    }
    out.append(name).append("_count ").append(cumulative).append('\n');
  }

  private static String value(Metric metric) {
    if (metric instanceof LongMetric longMetric) {
      return Long.toString(longMetric.value());
    }
    if (metric instanceof IntMetric intMetric) {
      return Integer.toString(intMetric.value());
    }
    if (metric instanceof DoubleMetric doubleMetric) {
      return number(doubleMetric.value());
    }
    if (metric instanceof BooleanMetric booleanMetric) {
      return booleanMetric.value() ? "1" : "0";
    }
    return null;
  }

  private static String number(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "+Inf" : "-Inf";
    }
    return Double.toString(value);
  }

  /** {@code ray.tasks.SchedulingLatencyMicros} → {@code ray_tasks_scheduling_latency_micros}. */
  static String name(String igniteName) {
    StringBuilder name = new StringBuilder(igniteName.length() + 8);
    char previous = '_';
    for (int i = 0; i < igniteName.length(); i++) {
      char c = igniteName.charAt(i);
      char next = i + 1 < igniteName.length() ? igniteName.charAt(i + 1) : '_';
      if (Character.isUpperCase(c) && (Character.isLowerCase(previous) || Character.isDigit(previous)
          || Character.isUpperCase(previous) && Character.isLowerCase(next))) {
        name.append('_'); // a word starts: fooBar, foo2Bar, CPULoad
      }
      boolean valid = c < 128 && (Character.isLetterOrDigit(c) || c == '_');
      char out = valid ? Character.toLowerCase(c) : '_';
      if (out != '_' || name.length() == 0 || name.charAt(name.length() - 1) != '_') {
        name.append(out);
      }
      previous = c;
    }
    if (name.length() == 0 || Character.isDigit(name.charAt(0))) {
      name.insert(0, '_');
    }
    return name.toString().toLowerCase(Locale.ROOT);
  }

  private static String escape(String text) {
    return text.replace("\\", "\\\\").replace("\n", "\\n");
  }
}
