package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.ignite.internal.processors.metric.MetricRegistryImpl;
import org.apache.ignite.internal.processors.metric.impl.LongAdderMetric;
import org.apache.ignite.logger.NullLogger;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {
  private static MetricRegistryImpl registry(String name) {
    return new MetricRegistryImpl(name, metric -> null, metric -> null, new NullLogger());
  }

  @Test
  void namesBecomeSnakeCaseWithUnderscores() {
    assertEquals("ray_tasks_scheduling_latency_micros",
        PrometheusText.name("ray.tasks.SchedulingLatencyMicros"));
    assertEquals("io_dataregion_ray_object_store_total_used_size",
        PrometheusText.name("io.dataregion.ray-object-store.TotalUsedSize"));
    assertEquals("sys_cpu_load", PrometheusText.name("sys.CPULoad"));
    assertEquals("cache_x_gets2_total", PrometheusText.name("cache.x.Gets2Total"));
    assertEquals("_2fa", PrometheusText.name("2fa"));
  }

  @Test
  void countersGaugesAndHistogramsInExpositionFormat() {
    MetricRegistryImpl tasks = registry("ray.tasks");
    LongAdderMetric finished = tasks.longAdderMetric("Finished", "Tasks that finished.");
    finished.add(3);
    tasks.register("Running", () -> 2L, "Running now.\nSecond line");
    tasks.register(new MonotonicGauge("ray.tasks.Bytes", null, () -> 7L));
    tasks.register("Fraction", () -> Double.NaN, "A fraction.");
    tasks.register("Label", () -> "text", String.class, "Not a number.");
    LatencyHistogram latency = new LatencyHistogram("ray.tasks.LatencyMicros", "Latency.",
        new long[] {10, 100});
    tasks.register(latency);
    latency.value(5);
    latency.value(50);
    latency.value(500);
    MetricRegistryImpl ignite = registry("sys");
    ignite.longAdderMetric("UpTime", "Up.").add(9);

    String text = PrometheusText.format(List.<ReadOnlyMetricRegistry>of(tasks, ignite), false);
    assertTrue(text.contains("# HELP ray_tasks_finished_total Tasks that finished. (ray.tasks.Finished)\n"
        + "# TYPE ray_tasks_finished_total counter\nray_tasks_finished_total 3\n"), text);
    assertTrue(text.contains("# HELP ray_tasks_running Running now.\\nSecond line (ray.tasks.Running)\n"
        + "# TYPE ray_tasks_running gauge\nray_tasks_running 2\n"), text);
    assertTrue(text.contains("# TYPE ray_tasks_bytes_total counter\nray_tasks_bytes_total 7\n"), text);
    assertTrue(text.contains("ray_tasks_fraction NaN\n"), text);
    assertFalse(text.contains("label"), text);
    assertTrue(text.contains("# TYPE ray_tasks_latency_micros histogram\n"
        + "ray_tasks_latency_micros_bucket{le=\"10\"} 1\n"
        + "ray_tasks_latency_micros_bucket{le=\"100\"} 2\n"
        + "ray_tasks_latency_micros_bucket{le=\"+Inf\"} 3\n"
        + "ray_tasks_latency_micros_sum 555\n"
        + "ray_tasks_latency_micros_count 3\n"), text);
    assertFalse(text.contains("up_time"), text);
    assertEquals(500, latency.max());

    String all = PrometheusText.format(List.<ReadOnlyMetricRegistry>of(tasks, ignite), true);
    // Ignite's own adders are not ours to call counters: they may go down.
    assertTrue(all.contains("# TYPE sys_up_time gauge\nsys_up_time 9\n"), all);
  }
}
