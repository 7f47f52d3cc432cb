package org.rayonignite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.spi.discovery.isolated.IsolatedDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;

class RayConfigTest {
  @Test
  void builderDefaults() {
    RayConfig config = RayConfig.builder().build();
    assertTrue(config.isEmbedded());
    assertEquals(0, config.getPort());
    assertEquals(0, config.getObjectStoreBackups());
    assertTrue(config.getNamespace().startsWith("anonymous-"));
    assertTrue(config.getResources().isEmpty());
    assertNull(config.getSpringXml());
  }

  @Test
  void badValuesAreRejectedWithTheValueInTheMessage() {
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.builder().port(70000));
    assertTrue(port.getMessage().contains("70000"));
    assertThrows(IllegalArgumentException.class, () -> RayConfig.builder().address("host:port:x y"));
    assertThrows(IllegalArgumentException.class, () -> RayConfig.builder().resource("CPU", -1));
    assertThrows(IllegalArgumentException.class, () -> RayConfig.builder().objectStoreBackups(-1));
    assertThrows(IllegalArgumentException.class, () -> RayConfig.builder().objectStoreMemoryBytes(1024));
    IllegalArgumentException resources = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.parseResources("CPU=two"));
    assertTrue(resources.getMessage().contains("CPU"), resources.getMessage());
  }

  @Test
  void parsesResourcesAndLabels() {
    assertEquals(Map.of("CPU", 2.0, "GPU", 1.0, "custom", 0.5),
        RayConfig.parseResources("CPU=2, GPU=1,custom=0.5"));
    assertEquals(Map.of("zone", "a", "tier", "gold"), RayConfig.parseLabels("zone=a,tier=gold"));
  }

  @Test
  void readsSystemPropertiesThenEnvironment() {
    Map<String, String> props = Map.of("ray.address", "10.0.0.5:47500", "ray.objectStoreBackups", "1");
    Map<String, String> env = Map.of("RAY_ADDRESS", "ignored", "RAY_NAMESPACE", "prod",
        "RAY_OBJECT_STORE_MEMORY_BYTES", String.valueOf(64L << 20), "RAY_RESOURCES", "CPU=3");
    RayConfig config = RayConfig.fromSources(props::get, env::get);
    assertEquals("10.0.0.5:47500", config.getAddress());
    assertEquals(1, config.getObjectStoreBackups());
    assertEquals("prod", config.getNamespace());
    assertEquals(64L << 20, config.getObjectStoreMemoryBytes());
    assertEquals(Map.of("CPU", 3.0), config.getResources());
    assertFalse(config.isEmbedded());
  }

  @Test
  void embeddedNodesUseIsolatedDiscoveryAndTheObjectStoreRegion() {
    IgniteConfiguration cfg = NodeConfigurations.create(RayConfig.builder()
        .objectStoreMemoryBytes(64L << 20).resources(Map.of("CPU", 3.0)).labels(Map.of("zone", "a"))
        .build(), List.of(new CacheConfiguration<>("extra")));
    assertInstanceOf(IsolatedDiscoverySpi.class, cfg.getDiscoverySpi());
    assertInstanceOf(StopNodeFailureHandler.class, cfg.getFailureHandler());
    assertTrue(cfg.isPeerClassLoadingEnabled());
    assertNull(cfg.getClientConnectorConfiguration());
    assertEquals("3.0", cfg.getUserAttributes().get("ray.resources.CPU"));
    assertEquals("a", cfg.getUserAttributes().get("ray.labels.zone"));
    DataRegionConfiguration region = java.util.Arrays.stream(
        cfg.getDataStorageConfiguration().getDataRegionConfigurations())
        .filter(r -> r.getName().equals(NodeConfigurations.OBJECT_STORE_REGION)).findFirst().orElseThrow();
    assertEquals(64L << 20, region.getMaxSize());
    assertEquals("extra", cfg.getCacheConfiguration()[0].getName());
  }

  @Test
  void addressesBecomeStaticLoopbackDiscovery() {
    IgniteConfiguration cfg = NodeConfigurations.create(RayConfig.builder()
        .address("127.0.0.1:48100..48104").build(), List.of());
    TcpDiscoverySpi discovery = (TcpDiscoverySpi) cfg.getDiscoverySpi();
    assertEquals(4, discovery.getLocalPortRange());
    assertEquals("127.0.0.1", cfg.getLocalHost());
    TcpDiscoveryVmIpFinder finder = (TcpDiscoveryVmIpFinder) discovery.getIpFinder();
    assertEquals(5, finder.getRegisteredAddresses().size());
    TcpDiscoverySpi pinned = (TcpDiscoverySpi) NodeConfigurations.create(RayConfig.builder()
        .address("127.0.0.1").port(47502).build(), List.of()).getDiscoverySpi();
    assertEquals(0, pinned.getLocalPortRange());
    assertEquals(10, ((TcpDiscoveryVmIpFinder) pinned.getIpFinder()).getRegisteredAddresses().size());
  }
}
