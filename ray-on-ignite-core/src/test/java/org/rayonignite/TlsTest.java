package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Two TLS nodes in two JVMs on loopback, this JVM the driver and a worker process, with
 * certificates from a throwaway CA made at test time. A node whose certificate another CA signed,
 * then a node without TLS, try the same discovery ports and are refused with a clear error. Bad stores fail at init with a
 * message naming the file (the first tests, while Ray is not initialized here). Every store has
 * the same password, which no output may show.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TlsTest {
  private static final String ADDRESS = TestClusters.address(49200);
  private static final String PASSWORD = TestCertificates.PASSWORD;

  @TempDir
  static Path directory;
  private static TestCertificates certificates;
  private static NodeProcess worker;

  @BeforeAll
  static void start() {
    assertNothingListensOnTheTestPorts();
    certificates = new TestCertificates(directory);
    ExecutorService keytools = Executors.newFixedThreadPool(3);
    try {
      CompletableFuture<Void> rogue = CompletableFuture.runAsync(() -> {
        certificates.certificateAuthority("rogue-ca");
        certificates.node("rogue", "rogue-ca");
      }, keytools);
      certificates.certificateAuthority("cluster-ca");
      CompletableFuture.allOf(rogue,
          CompletableFuture.runAsync(() -> certificates.node("driver", "cluster-ca"), keytools),
          CompletableFuture.runAsync(() -> certificates.node("worker", "cluster-ca"), keytools),
          CompletableFuture.runAsync(() -> certificates.trustStore("truststore", "cluster-ca"),
              keytools)).join();
    } finally {
      keytools.shutdown();
    }
    worker = TestClusters.worker(ADDRESS, tlsOptions("worker.p12", PASSWORD))
        .javaOptions("-Dorg.slf4j.simpleLogger.log.org.apache.ignite=info").start();
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    if (worker != null) {
      worker.close();
      assertFalse(worker.isAlive(), "worker " + worker.pid() + " is still running");
      // Ignite logged its whole configuration, TLS factory included, at info level.
      assertTrue(worker.output().contains("sslCtxFactory=NodeTlsContextFactory[keyStore="),
          worker.output());
      assertFalse(worker.output().contains(PASSWORD), worker.output());
    }
  }

  static int square(int x) {
    return x * x;
  }

  static String nodeHere() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  @Test
  @Order(1)
  void badStoresFailAtInitNamingTheFileAndTheProblem() {
    assertFalse(Ray.isInitialized());
    String missing = certificates.path("missing.p12").toString();
    String message = initFails(tls(missing, PASSWORD, "truststore.p12", PASSWORD));
    assertTrue(message.contains("TLS key store " + missing + " does not exist"), message);

    message = initFails(tls("driver.p12", "wrong-password", "truststore.p12", PASSWORD));
    assertTrue(message.contains("wrong password for TLS key store " + path("driver.p12")), message);

    message = initFails(tls("driver.p12", PASSWORD, "truststore.p12", "wrong-password"));
    assertTrue(message.contains("wrong password for TLS trust store " + path("truststore.p12")),
        message);

    message = initFails(tls("truststore.p12", PASSWORD, "truststore.p12", PASSWORD));
    assertTrue(message.contains("TLS key store " + path("truststore.p12") + " holds no private key"),
        message);
    assertFalse(Ray.isInitialized());
  }

  @Test
  @Order(2)
  void theLauncherNamesABadStoreInOneLineBeforeIgniteStarts() {
    String output = startFails(TestClusters.worker(ADDRESS, tlsOptions("worker.p12", "wrong")));
    assertTrue(output.contains("ray-ignite: wrong password for TLS key store " + path("worker.p12")),
        output);
    assertFalse(output.contains("org.apache.ignite"), output);
  }

  @Test
  @Order(3)
  void tasksRunOnTheWorkerOverTls() {
    joinAsDriver();
    assertEquals(49, Ray.task(TlsTest::square, 7).setNodeAffinity(worker.nodeId(), false)
        .remote().get());
    assertEquals(worker.nodeId().toString(), Ray.task(TlsTest::nodeHere)
        .setNodeAffinity(worker.nodeId(), false).remote().get());
  }

  @Test
  @Order(4)
  void aNodeWhoseCertificateTheClusterDoesNotTrustCannotJoin() {
    joinAsDriver();
    String output = startFails(TestClusters.worker(ADDRESS, tlsOptions("rogue.p12", PASSWORD)));
    assertTrue(output.contains("ray-ignite: could not start the node: TLS: the node at "
        + "/127.0.0.1:492"), output);
    assertTrue(output.contains("does not trust this node's certificate \"CN=rogue\" issued by "
        + "\"CN=rogue-ca\" from key store " + path("rogue.p12")
        + "; it trusts certificates issued by [CN=cluster-ca]"), output);
    assertFalse(output.contains(PASSWORD), output);
    assertEquals(Set.of(Ray.getRuntimeContext().getCurrentNodeId(), worker.nodeId()),
        Ray.getRuntimeContext().getAllNodeInfo().stream().map(NodeInfo::getNodeId)
            .collect(Collectors.toSet()));
    assertEquals(49, Ray.task(TlsTest::square, 7).setNodeAffinity(worker.nodeId(), false)
        .remote().get());
  }

  @Test
  @Order(5)
  void aNodeWithoutTlsCannotJoin() {
    joinAsDriver();
    String output = startFails(TestClusters.worker(ADDRESS));
    assertTrue(output.contains("ray-ignite: could not start the node: TLS: the node at "
        + "/127.0.0.1:492"), output);
    assertTrue(output.contains(" uses TLS and this node does not (start it with the --tls-* "
        + "options)"), output);
    assertEquals(2, Ray.getRuntimeContext().getAllNodeInfo().size());
  }

  /**
   * The nodes here must find only each other: a node of another test on these ports would
   * refuse them, and the test would fail for that reason instead of its own.
   */
  private static void assertNothingListensOnTheTestPorts() {
    for (int port = 49200; port <= 49209; port++) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
        throw new AssertionError("something already listens on 127.0.0.1:" + port
            + ", in this test's discovery range " + ADDRESS + " (another test's cluster?)");
      } catch (IOException expected) {
        // Nobody there.
      }
    }
  }

  /** Starts a node process that must fail; its output. */
  private static String startFails(NodeProcess.Builder node) {
    IllegalStateException failed = assertThrows(IllegalStateException.class, () -> {
      try (NodeProcess started = node.start()) {
        // Up, so the test fails: closing stops it.
      }
    });
    assertTrue(failed.getMessage().contains("the process exited with code"), failed.getMessage());
    return failed.getMessage();
  }

  private static void joinAsDriver() {
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(256L << 20)
        .tls(path("driver.p12"), PASSWORD, path("truststore.p12"), PASSWORD).build());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Ray.getRuntimeContext().getAllNodeInfo().size() < 2) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("only " + Ray.getRuntimeContext().getAllNodeInfo() + " joined");
      }
      Thread.onSpinWait();
    }
  }

  private static String initFails(RayConfig config) {
    return assertThrows(IllegalArgumentException.class, () -> Ray.init(config)).getMessage();
  }

  private static RayConfig tls(String keyStore, String keyPassword, String trustStore,
      String trustPassword) {
    return RayConfig.builder().address(ADDRESS).tls(path(keyStore), keyPassword, path(trustStore),
        trustPassword).build();
  }

  private static String path(String file) {
    return certificates.path(file).toString();
  }

  /** The {@code --tls-*} options of a node with this key store, the cluster's trust store. */
  private static String[] tlsOptions(String keyStore, String keyStorePassword) {
    return new String[] {"--tls-key-store", path(keyStore), "--tls-key-store-password",
        keyStorePassword, "--tls-trust-store", path("truststore.p12"), "--tls-trust-store-password",
        PASSWORD};
  }
}
