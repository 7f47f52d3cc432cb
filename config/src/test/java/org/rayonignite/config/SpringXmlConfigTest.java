package org.rayonignite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.failure.StopNodeFailureHandler;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node's configuration from a user's Spring XML: what the XML sets stays, ours is added, and a
 * setting made both ways is an error. Nodes started from such XML over two JVMs are
 * ray-on-ignite-core's SpringXmlMultiJvmTest.
 */
class SpringXmlConfigTest {
  @TempDir
  Path directory;

  private Path xml(String properties) throws Exception {
    return Files.writeString(directory.resolve("node.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans
                   http://www.springframework.org/schema/beans/spring-beans.xsd">
          <bean class="org.apache.ignite.configuration.IgniteConfiguration">
        """ + properties + """
          </bean>
        </beans>
        """);
  }

  private static final String USER_SETTINGS = """
      <property name="peerClassLoadingEnabled" value="true"/>
      <property name="userAttributes">
        <map>
          <entry key="ray.resources.CPU" value="3"/>
          <entry key="ray.labels.zone" value="xml"/>
          <entry key="team" value="payments"/>
        </map>
      </property>
      <property name="cacheConfiguration">
        <list>
          <bean class="org.apache.ignite.configuration.CacheConfiguration">
            <property name="name" value="accounts"/>
            <property name="dataRegionName" value="user-region"/>
          </bean>
        </list>
      </property>
      <property name="dataStorageConfiguration">
        <bean class="org.apache.ignite.configuration.DataStorageConfiguration">
          <property name="dataRegionConfigurations">
            <list>
              <bean class="org.apache.ignite.configuration.DataRegionConfiguration">
                <property name="name" value="user-region"/>
                <property name="maxSize" value="#{64L * 1024 * 1024}"/>
              </bean>
            </list>
          </property>
        </bean>
      </property>
      """;

  private static final String STATIC_DISCOVERY = """
      <property name="discoverySpi">
        <bean class="org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi">
          <property name="localPort" value="47600"/>
          <property name="ipFinder">
            <bean class="org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder">
              <property name="addresses"><list><value>10.0.0.7:47600</value></list></property>
            </bean>
          </property>
        </bean>
      </property>
      """;

  @Test
  void theXmlIsReadFromPropertiesOrEnvironment() {
    assertEquals("/etc/ray/node.xml", RayConfig.fromSources(name -> null,
        Map.of("RAY_SPRING_XML", "/etc/ray/node.xml")::get).getSpringXml());
    assertEquals("node.xml", RayConfig.fromSources(Map.of("ray.springXml", "node.xml")::get,
        name -> null).getSpringXml());
  }

  @Test
  void theUsersCachesRegionsAttributesAndDiscoveryStayAndOursAreAdded() throws Exception {
    RayConfig config = RayConfig.builder().springXml(xml(USER_SETTINGS + STATIC_DISCOVERY).toString())
        .resources(Map.of("GPU", 1.0)).labels(Map.of("zone", "ignored", "tier", "gold")).build();
    IgniteConfiguration cfg = NodeConfigurations.create(config,
        List.of(new CacheConfiguration<>("ray-objects"), new CacheConfiguration<>("accounts")));

    assertEquals(List.of("accounts", "ray-objects"), Arrays.stream(cfg.getCacheConfiguration())
        .map(CacheConfiguration::getName).collect(Collectors.toList()));
    assertEquals("user-region", cfg.getCacheConfiguration()[0].getDataRegionName(),
        "the user's cache of that name stays as the XML made it");
    assertEquals(List.of("user-region", NodeConfigurations.OBJECT_STORE_REGION),
        Arrays.stream(cfg.getDataStorageConfiguration().getDataRegionConfigurations())
            .map(DataRegionConfiguration::getName).collect(Collectors.toList()));
    Map<String, ?> attributes = cfg.getUserAttributes();
    assertEquals("3", attributes.get("ray.resources.CPU"));
    assertEquals("1.0", attributes.get("ray.resources.GPU"));
    assertEquals("xml", attributes.get("ray.labels.zone"), "the XML's attribute wins");
    assertEquals("gold", attributes.get("ray.labels.tier"));
    assertEquals("payments", attributes.get("team"));
    TcpDiscoverySpi discovery = assertInstanceOf(TcpDiscoverySpi.class, cfg.getDiscoverySpi());
    assertEquals(List.of("10.0.0.7:47600"), ((TcpDiscoveryVmIpFinder) discovery.getIpFinder())
        .getRegisteredAddresses().stream().map(a -> a.getHostString() + ":" + a.getPort()).toList());
    // What the XML left unset, an embedded library needs: SLF4J, and never stopping the JVM.
    assertInstanceOf(Slf4jIgniteLogger.class, cfg.getGridLogger());
    assertInstanceOf(StopNodeFailureHandler.class, cfg.getFailureHandler());
  }

  @Test
  void theObjectStoreRegionTheXmlDeclaresIsKept() throws Exception {
    Path file = xml("""
        <property name="dataStorageConfiguration">
          <bean class="org.apache.ignite.configuration.DataStorageConfiguration">
            <property name="dataRegionConfigurations">
              <list>
                <bean class="org.apache.ignite.configuration.DataRegionConfiguration">
                  <property name="name" value="ray-object-store"/>
                  <property name="maxSize" value="#{128L * 1024 * 1024}"/>
                </bean>
              </list>
            </property>
          </bean>
        </property>
        """ + STATIC_DISCOVERY);
    IgniteConfiguration cfg = NodeConfigurations.create(RayConfig.builder().springXml(file.toString())
        .objectStoreMemoryBytes(64L << 20).build(), List.of());
    DataRegionConfiguration[] regions = cfg.getDataStorageConfiguration().getDataRegionConfigurations();
    assertEquals(1, regions.length);
    assertEquals(128L << 20, regions[0].getMaxSize());
  }

  @Test
  void anAddressFillsInDiscoveryTheXmlLeavesOut() throws Exception {
    IgniteConfiguration cfg = NodeConfigurations.create(RayConfig.builder()
        .springXml(xml(USER_SETTINGS).toString()).address("127.0.0.1:47600..47609").build(), List.of());
    TcpDiscoverySpi discovery = assertInstanceOf(TcpDiscoverySpi.class, cfg.getDiscoverySpi());
    assertEquals(9, discovery.getLocalPortRange());
    assertEquals("127.0.0.1", cfg.getLocalHost());
  }

  @Test
  void discoverySetTwiceIsAnErrorThatSaysSo() throws Exception {
    String file = xml(STATIC_DISCOVERY).toString();
    IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(RayConfig.builder().springXml(file)
            .address("127.0.0.1:47600").build(), List.of()));
    assertTrue(twice.getMessage().startsWith("discovery is set twice")
        && twice.getMessage().contains(file), twice.getMessage());
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(RayConfig.builder().springXml(file).port(47601).build(), List.of()));
    assertTrue(port.getMessage().contains("47601") && port.getMessage().contains("localPort"),
        port.getMessage());
  }

  @Test
  void theUsersLoggerAndFailureHandlerStay() throws Exception {
    IgniteConfiguration cfg = NodeConfigurations.create(RayConfig.builder().springXml(xml("""
        <property name="gridLogger"><bean class="org.apache.ignite.logger.NullLogger"/></property>
        <property name="failureHandler"><bean class="org.apache.ignite.failure.NoOpFailureHandler"/></property>
        """ + STATIC_DISCOVERY).toString()).build(), List.of());
    assertSame(org.apache.ignite.logger.NullLogger.class, cfg.getGridLogger().getClass());
    assertSame(org.apache.ignite.failure.NoOpFailureHandler.class, cfg.getFailureHandler().getClass());
  }

  @Test
  void aFileThatIsNotThereOrNotAnIgniteConfigurationIsNamed() throws Exception {
    String missing = directory.resolve("missing.xml").toString();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(RayConfig.builder().springXml(missing).build(), List.of()));
    assertTrue(e.getMessage().contains(missing), e.getMessage());
    Path notXml = Files.writeString(directory.resolve("broken.xml"), "<beans><bean class=");
    IllegalArgumentException broken = assertThrows(IllegalArgumentException.class,
        () -> NodeConfigurations.create(RayConfig.builder().springXml(notXml.toString()).build(), List.of()));
    assertTrue(broken.getMessage().contains(notXml.toString()), broken.getMessage());
  }
}
