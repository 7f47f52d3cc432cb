package org.rayonignite.runtime;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;
import org.rayonignite.api.exception.RayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a node's metrics over HTTP for Prometheus to scrape: {@code GET /metrics} gives the
 * {@code ray.} registries in text exposition format, {@code GET /metrics?ignite=true} Ignite's
 * own as well. The JDK's HTTP server; requests run on one daemon thread of ours, and
 * {@link #stop} ends both it and the server's dispatcher thread.
 */
final class MetricsEndpoint {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsEndpoint.class);
  static final String PATH = "/metrics";
  private static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final HttpServer server;
  private final ExecutorService thread;
  private final Iterable<ReadOnlyMetricRegistry> registries;

  private MetricsEndpoint(HttpServer server, ExecutorService thread,
      Iterable<ReadOnlyMetricRegistry> registries) {
    this.server = server;
    this.thread = thread;
    this.registries = registries;
  }

  /**
   * Serves {@code registries} on {@code host:port} (a null or empty host: all interfaces).
   *
   * @throws RayException naming the port if it cannot be bound
   */
  static MetricsEndpoint start(String host, int port, Iterable<ReadOnlyMetricRegistry> registries,
      String threadName) {
    InetSocketAddress address = host == null || host.isEmpty()
        ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    HttpServer server;
    try {
      server = HttpServer.create(address, 0);
    } catch (IOException e) {
      throw new RayException("cannot serve metrics on " + (host == null || host.isEmpty() ? "port "
          : host + ":") + port + " (RayConfig.metricsPort / --metrics-port): " + e.getMessage(), e);
    }
    ExecutorService thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), new DaemonThreads(threadName));
    MetricsEndpoint endpoint = new MetricsEndpoint(server, thread, registries);
    server.createContext("/", endpoint::handle);
    server.setExecutor(thread);
    server.start();
    return endpoint;
  }

  /** {@code http://host:port/metrics}. */
  String url() {
    InetSocketAddress bound = server.getAddress();
    String host = bound.getAddress().isAnyLocalAddress() ? "0.0.0.0" : bound.getHostString();
    return "http://" + host + ":" + bound.getPort() + PATH;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String method = exchange.getRequestMethod();
      if (!PATH.equals(exchange.getRequestURI().getPath())) {
        reply(exchange, 404, "Not found: metrics are at " + PATH + "\n", method);
      } else if (!method.equals("GET") && !method.equals("HEAD")) {
        exchange.getResponseHeaders().set("Allow", "GET, HEAD");
        reply(exchange, 405, "Only GET and HEAD\n", method);
      } else {
        String query = exchange.getRequestURI().getQuery();
        boolean includeIgnite = query != null && query.contains("ignite=true");
        exchange.getResponseHeaders().set("Content-Type", CONTENT_TYPE);
        reply(exchange, 200, PrometheusText.format(registries, includeIgnite), method);
      }
    } catch (RuntimeException e) {
      LOG.debug("Could not serve {}: {}", exchange.getRequestURI(), e.toString());
      throw e;
    }
  }

  private static void reply(HttpExchange exchange, int status, String body, String method)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    boolean head = method.equals("HEAD");
    exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  /** Stops serving; returns once the server's threads are gone. */
  void stop() {
    server.stop(0);
    thread.shutdownNow();
    try {
      thread.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
