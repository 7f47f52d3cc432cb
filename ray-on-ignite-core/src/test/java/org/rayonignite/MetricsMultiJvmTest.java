package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.runtime.NodeRuntime;

/**
 * Metrics over two JVMs: the worker's Prometheus endpoint counts what ran there, and this
 * JVM's counters read the same through JMX (Ignite's metric registry) and through its own
 * endpoint. Ports 127.0.0.1:49450..49459 (discovery) and 49470..49472 (metrics).
 */
class MetricsMultiJvmTest {
  private static final String ADDRESS = TestClusters.address(49450);
  private static final int WORKER_METRICS = 49470;
  private static final int DRIVER_METRICS = 49471;
  private static NodeProcess worker;

  @BeforeAll
  static void start() {
    worker = TestClusters.worker(ADDRESS, "--resources", "CPU=2", "--metrics-port",
        String.valueOf(WORKER_METRICS)).start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(64L << 20).metricsPort(DRIVER_METRICS).build());
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() throws IOException {
    Ray.shutdown();
    worker.close();
    assertFalse(worker.isAlive(), "worker " + worker.pid() + " is still running");
    for (Thread thread : Thread.getAllStackTraces().keySet()) {
      assertFalse(thread.isAlive() && (thread.getName().startsWith("ray-metrics-")
          || thread.getName().equals("HTTP-Dispatcher")), "left behind: " + thread);
    }
    assertThrows(IOException.class, () -> new Socket("127.0.0.1", DRIVER_METRICS).close(),
        "the metrics port is still open after Ray.shutdown()");
  }

  static int square(int x) {
    return x * x;
  }

  static int length(byte[] bytes) {
    return bytes.length;
  }

  /** The samples of a Prometheus text page, by series (name and labels). */
  static Map<String, Double> scrape(int port) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
        + "/metrics").toURL().openConnection();
    assertEquals(200, connection.getResponseCode());
    assertEquals("text/plain; version=0.0.4; charset=utf-8", connection.getContentType());
    String text;
    try (InputStream in = connection.getInputStream()) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Double> samples = new HashMap<>();
    for (String line : text.split("\n")) {
      if (!line.isEmpty() && !line.startsWith("#")) {
        int space = line.lastIndexOf(' ');
        samples.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
      }
    }
    return samples;
  }

  private static double delta(Map<String, Double> before, Map<String, Double> after, String series) {
    assertTrue(after.containsKey(series), series + " is missing from " + after.keySet());
    return after.get(series) - before.getOrDefault(series, 0.0);
  }

  /** A counter of this JVM's node, read through JMX as Ignite exports its metric registries. */
  static long jmx(String registry, String metric) throws Exception {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    String group = registry.substring(0, registry.indexOf('.'));
    String name = registry.substring(registry.indexOf('.') + 1);
    Set<ObjectName> beans = server.queryNames(new ObjectName("org.apache:group=" + group
        + ",name=" + name + ",*"), null);
    assertEquals(1, beans.size(), "one node in this JVM, one bean: " + beans);
    return ((Number) server.getAttribute(beans.iterator().next(), metric)).longValue();
  }

  @Test
  void theWorkersEndpointCountsWhatRanThere() throws Exception {
    NodeId node = worker.nodeId();
    Map<String, Double> before = scrape(WORKER_METRICS);
    List<ObjectRef<Integer>> squares = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      squares.add(Ray.task(MetricsMultiJvmTest::square, i).setNodeAffinity(node, false).remote());
    }
    Ray.get(squares);
    for (int i = 0; i < 3; i++) {
      ObjectRef<Integer> failing = Ray.task(Failing::fail, "counted").setNodeAffinity(node, false)
          .remote();
      assertThrows(RayTaskException.class, failing::get);
    }
    // An object made on the worker (stored there: over 100 KiB), read there and here.
    ObjectRef<byte[]> made = Ray.task(ObjectTest::bytes, 300_000).setNodeAffinity(node, false).remote();
    assertEquals(300_000, Ray.task(MetricsMultiJvmTest::length, made).setNodeAffinity(node, false)
        .remote().get());
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setNodeAffinity(node, false).remote();
    assertEquals(2, counter.task(Counter::add, 2).remote().get());
    Map<String, Double> after = scrape(WORKER_METRICS);

    assertEquals(22, delta(before, after, "ray_tasks_finished_total")); // squares, bytes, length
    assertEquals(3, delta(before, after, "ray_tasks_failed_total"));
    assertEquals(0, delta(before, after, "ray_tasks_submitted_total")); // the driver submitted them
    assertTrue(delta(before, after, "ray_tasks_scheduling_latency_micros_count") >= 25);
    assertEquals(after.get("ray_tasks_scheduling_latency_micros_count"),
        after.get("ray_tasks_scheduling_latency_micros_bucket{le=\"+Inf\"}"));
    assertEquals(1, delta(before, after, "ray_tasks_with_stored_inputs_total"));
    assertEquals(1, delta(before, after, "ray_tasks_data_local_total"));
    assertTrue(after.get("ray_objects_stored_objects") >= 1, after.toString());
    assertTrue(delta(before, after, "ray_objects_written_bytes_total") >= 300_000);
    assertTrue(after.get("ray_objects_used_bytes") > 0);
    assertEquals(256L << 20, after.get("ray_objects_capacity_bytes").longValue());
    assertEquals(1, delta(before, after, "ray_actors_alive"));
    assertEquals(1, delta(before, after, "ray_actors_calls_finished_total"));
    // A task's result reaches its owner a moment before its node counts it as no longer running.
    assertTrue(after.get("ray_tasks_running") <= 1, after.toString());

    // Here, the stored input had to be fetched: a task with stored inputs that was not data-local.
    long withStored = jmx("ray.tasks", "WithStoredInputs");
    long local = jmx("ray.tasks", "DataLocal");
    assertEquals(300_000, Ray.task(MetricsMultiJvmTest::length, made)
        .setNodeAffinity(Ray.getRuntimeContext().getCurrentNodeId(), false).remote().get());
    assertEquals(withStored + 1, jmx("ray.tasks", "WithStoredInputs"));
    assertEquals(local, jmx("ray.tasks", "DataLocal"));
  }

  @Test
  void thisNodesCountersReadTheSameThroughJmxAndItsEndpoint() throws Exception {
    long submitted = jmx("ray.tasks", "Submitted");
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      refs.add(Ray.task(MetricsMultiJvmTest::square, i).remote());
    }
    Ray.get(refs);
    assertEquals(submitted + 5, jmx("ray.tasks", "Submitted"));
    assertEquals(jmx("ray.tasks", "Submitted"),
        scrape(DRIVER_METRICS).get("ray_tasks_submitted_total").longValue());
    assertEquals(jmx("ray.tasks", "Finished"),
        scrape(DRIVER_METRICS).get("ray_tasks_finished_total").longValue());
  }

  @Test
  void ignitesOwnMetricsOnRequestAndNothingElseOnTheEndpoint() throws Exception {
    HttpURLConnection all = (HttpURLConnection) URI.create("http://127.0.0.1:" + WORKER_METRICS
        + "/metrics?ignite=true").toURL().openConnection();
    String text = new String(all.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(text.contains("\nsys_up_time "), "Ignite's sys registry is missing");
    assertTrue(text.contains("\nray_tasks_finished_total "));
    assertFalse(scrape(WORKER_METRICS).containsKey("sys_up_time"));
    HttpURLConnection other = (HttpURLConnection) URI.create("http://127.0.0.1:" + WORKER_METRICS
        + "/other").toURL().openConnection();
    assertEquals(404, other.getResponseCode());
  }

  @Test
  void aMetricsPortInUseFailsTheStartWithThePortNamed() throws IOException {
    try (ServerSocket taken = new ServerSocket(49472, 1, InetAddress.getByName("127.0.0.1"))) {
      RayException e = assertThrows(RayException.class, () -> NodeRuntime.start(RayConfig.builder()
          .metricsPort(49472).objectStoreMemoryBytes(32L << 20).build()));
      assertTrue(e.getMessage().contains("49472") && e.getMessage().contains("metricsPort"),
          e.getMessage());
    }
    assertEquals(2, Ray.getRuntimeContext().getAllNodeInfo().size()); // this node is unharmed
  }
}
