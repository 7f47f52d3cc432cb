package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Two nodes, each in a JVM of its own ({@code ray-ignite start --kubernetes ray/ray-ignite}),
 * find each other through the endpoints of a Kubernetes service, as pods of a StatefulSet do:
 * a fake API server on 127.0.0.1:49440 lists the pod IPs 127.0.0.1 and 127.0.0.2 (two loopback
 * addresses stand for two pods, since the endpoints carry IPs only and every node uses the same
 * discovery port, 49420). A driver in this JVM then sees one cluster of three and runs tasks on
 * both.
 */
class KubernetesDiscoveryTest {
  private static final int DISCOVERY_PORT = 49420;
  private static final int API_PORT = 49440;
  private static final String TOKEN = "service-account-token-for-test";
  @TempDir
  static Path directory;
  private static FakeKubernetesApi api;
  private static NodeProcess podA;
  private static NodeProcess podB;

  @BeforeAll
  static void start() throws Exception {
    TestCertificates certificates = new TestCertificates(directory);
    certificates.certificateAuthority("api-server"); // a self-signed key pair is all it needs
    api = new FakeKubernetesApi(API_PORT, "ray", "ray-ignite", List.of("127.0.0.1", "127.0.0.2"),
        TOKEN, certificates.path("api-server.p12"), TestCertificates.PASSWORD);
    Path token = Files.writeString(directory.resolve("token"), TOKEN);
    // One after the other, as a StatefulSet starts its pods: the first finds nobody and starts
    // the cluster, the second finds it through the endpoints (while the driver joins too).
    podA = pod("127.0.0.1", token);
    CompletableFuture<NodeProcess> second = CompletableFuture.supplyAsync(() -> pod("127.0.0.2", token));
    try {
      Ray.init(RayConfig.builder().address("127.0.0.1:" + DISCOVERY_PORT + ",127.0.0.2:" + DISCOVERY_PORT)
          .port(DISCOVERY_PORT + 1).resources(Map.of("CPU", 1.0)).objectStoreMemoryBytes(128L << 20).build());
    } finally {
      podB = second.join();
    }
    MultiJvmTest.awaitNodes(3);
  }

  /** A node on its own loopback address, as a pod has its own IP. */
  private static NodeProcess pod(String ip, Path token) {
    return NodeProcess.builder().javaOptions("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-DIGNITE_LOCAL_HOST=" + ip)
        .args("--kubernetes", "ray/ray-ignite", "--kubernetes-master-url", api.url(),
            "--kubernetes-account-token", token.toString(), "--port", String.valueOf(DISCOVERY_PORT),
            "--resources", "CPU=2", "--labels", "pod=" + ip, "--object-store-memory", String.valueOf(128L << 20))
        .start();
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    for (NodeProcess pod : new NodeProcess[] {podA, podB}) {
      if (pod != null) {
        pod.close();
        assertFalse(pod.isAlive(), "node " + pod.pid() + " is still running");
      }
    }
    if (api != null) {
      api.close();
    }
  }

  static String nodeHere() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  @Test
  void theTwoPodsFormOneClusterThroughTheServicesEndpoints() {
    Set<String> addresses = Ray.getRuntimeContext().getAllNodeInfo().stream().map(NodeInfo::getAddress)
        .collect(Collectors.toSet());
    assertEquals(Set.of("127.0.0.1:49420", "127.0.0.2:49420", "127.0.0.1:49421"), addresses);
    for (NodeProcess pod : List.of(podA, podB)) {
      assertEquals(pod.nodeId().toString(), Ray.task(KubernetesDiscoveryTest::nodeHere)
          .setNodeAffinity(pod.nodeId(), false).remote().get());
    }
    assertEquals(podB.nodeId().toString(), Ray.task(KubernetesDiscoveryTest::nodeHere)
        .setLabelSelector(Map.of("pod", "127.0.0.2")).remote().get());
  }

  @Test
  void theNodesAskedTheApiServerForTheEndpointsWithTheirToken() {
    List<String> requests = api.requests();
    assertTrue(requests.size() >= 2, "requests: " + requests);
    assertTrue(requests.stream().allMatch("GET /api/v1/namespaces/ray/endpoints/ray-ignite 200"::equals),
        "requests: " + requests);
  }
}
