package org.rayonignite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.kubernetes.TcpDiscoveryKubernetesIpFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kubernetes discovery settings: how they are written and read, and where the API server and
 * token come from. Two nodes finding each other through a (fake) API server is
 * ray-on-ignite-core's KubernetesDiscoveryTest.
 */
class KubernetesConfigTest {
  @TempDir
  Path directory;

  @Test
  void namespaceAndServiceAreWrittenWithASlash() {
    RayConfig.Kubernetes kubernetes = RayConfig.builder().kubernetes(" prod/ray-ignite ").build()
        .getKubernetes();
    assertEquals("prod", kubernetes.getNamespace());
    assertEquals("ray-ignite", kubernetes.getServiceName());
    assertNull(kubernetes.getMasterUrl());
    assertEquals(RayConfig.Kubernetes.DEFAULT_ACCOUNT_TOKEN, kubernetes.getAccountToken());
    for (String bad : new String[] {"prod", "/svc", "prod/", "a/b/c", ""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> RayConfig.builder().kubernetes(bad));
      assertTrue(e.getMessage().contains("NAMESPACE/SERVICE") && e.getMessage().contains("\"" + bad + "\""),
          e.getMessage());
    }
  }

  @Test
  void masterUrlAndTokenNeedKubernetesAndTheUrlMustBeHttps() {
    IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.builder().kubernetesMasterUrl("https://10.96.0.1").build());
    assertTrue(alone.getMessage().contains("need kubernetes"), alone.getMessage());
    IllegalArgumentException http = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.builder().kubernetesMasterUrl("http://10.96.0.1"));
    assertTrue(http.getMessage().contains("https://") && http.getMessage().contains("http://10.96.0.1"),
        http.getMessage());
    RayConfig config = RayConfig.builder().kubernetes("ns", "svc")
        .kubernetesMasterUrl("https://10.96.0.1:443/").kubernetesAccountToken("/tmp/token").build();
    assertEquals("https://10.96.0.1:443", config.getKubernetes().getMasterUrl());
    assertEquals(config.getKubernetes().toString(), config.toBuilder().build().getKubernetes().toString());
  }

  @Test
  void readsKubernetesFromPropertiesOrEnvironment() {
    Map<String, String> env = Map.of("RAY_KUBERNETES", "prod/ray", "RAY_KUBERNETES_MASTER_URL",
        "https://api.example:6443", "RAY_KUBERNETES_ACCOUNT_TOKEN", "/etc/token");
    RayConfig.Kubernetes kubernetes = RayConfig.fromSources(name -> null, env::get).getKubernetes();
    assertEquals("prod", kubernetes.getNamespace());
    assertEquals("ray", kubernetes.getServiceName());
    assertEquals("https://api.example:6443", kubernetes.getMasterUrl());
    assertEquals("/etc/token", kubernetes.getAccountToken());
    assertTrue(!RayConfig.fromSources(name -> null, env::get).isEmbedded());
  }

  @Test
  void theApiServerIsTheOneThePodEnvironmentNames() {
    RayConfig.Kubernetes kubernetes = RayConfig.builder().kubernetes("ns/svc").build().getKubernetes();
    assertEquals("https://10.96.0.1:443", NodeConfigurations.kubernetesMasterUrl(kubernetes,
        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")::get));
    assertEquals("https://[fd00::1]:6443", NodeConfigurations.kubernetesMasterUrl(kubernetes,
        Map.of("KUBERNETES_SERVICE_HOST", "fd00::1", "KUBERNETES_SERVICE_PORT", "6443")::get));
    assertNull(NodeConfigurations.kubernetesMasterUrl(kubernetes, name -> null), "Ignite's default");
    RayConfig.Kubernetes explicit = RayConfig.builder().kubernetes("ns/svc")
        .kubernetesMasterUrl("https://127.0.0.1:8443").build().getKubernetes();
    assertEquals("https://127.0.0.1:8443", NodeConfigurations.kubernetesMasterUrl(explicit,
        Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1")::get));
  }

  @Test
  void discoveryUsesTheKubernetesIpFinderOnTheConfiguredPort() throws Exception {
    Path token = Files.writeString(directory.resolve("token"), "secret-token");
    IgniteConfiguration cfg = NodeConfigurations.create(RayConfig.builder().kubernetes("ns/svc")
        .kubernetesAccountToken(token.toString()).port(47500).build(), List.of());
    TcpDiscoverySpi discovery = assertInstanceOf(TcpDiscoverySpi.class, cfg.getDiscoverySpi());
    assertInstanceOf(TcpDiscoveryKubernetesIpFinder.class, discovery.getIpFinder());
    assertEquals(0, discovery.getLocalPortRange());
  }

  @Test
  void aMissingTokenFileIsNamedInTheError() {
    Path missing = directory.resolve("no-token");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(RayConfig.builder().kubernetes("ns/svc")
            .kubernetesAccountToken(missing.toString()).build(), List.of()));
    assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("token"),
        e.getMessage());
  }
}
