package org.rayonignite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;

/**
 * Ignite Spring XML files as users write them, for tests: an {@code IgniteConfiguration} bean
 * with static loopback discovery on a port range, user attributes, user caches and data regions,
 * and lifecycle beans.
 */
final class TestSpringXml {
  private final int firstPort;
  private final int lastPort;
  private final Map<String, String> attributes = new LinkedHashMap<>();
  private final List<String> caches = new ArrayList<>();
  private final List<String> regions = new ArrayList<>();
  private final List<String> lifecycleBeans = new ArrayList<>();

  /** Discovery on {@code 127.0.0.1:firstPort..lastPort}. */
  TestSpringXml(int firstPort, int lastPort) {
    this.firstPort = firstPort;
    this.lastPort = lastPort;
  }

  TestSpringXml attribute(String name, String value) {
    attributes.put(name, value);
    return this;
  }

  /** A PARTITIONED cache with no backups, in {@code region} (null: the default one). */
  TestSpringXml cache(String name, String region) {
    caches.add("""
              <bean class="org.apache.ignite.configuration.CacheConfiguration">
                <property name="name" value="%s"/>
                %s
              </bean>
        """.formatted(name, region == null ? "" : "<property name=\"dataRegionName\" value=\"" + region + "\"/>"));
    return this;
  }

  /** A data region of at most {@code maxMiB} MiB. */
  TestSpringXml region(String name, int maxMiB) {
    regions.add("""
                  <bean class="org.apache.ignite.configuration.DataRegionConfiguration">
                    <property name="name" value="%s"/>
                    <property name="initialSize" value="#{16L * 1024 * 1024}"/>
                    <property name="maxSize" value="#{%dL * 1024 * 1024}"/>
                  </bean>
        """.formatted(name, maxMiB));
    return this;
  }

  TestSpringXml lifecycleBean(String className) {
    lifecycleBeans.add("<bean class=\"" + className + "\"/>");
    return this;
  }

  /** Writes the file {@code name} in {@code directory}. */
  Path write(Path directory, String name) {
    StringBuilder entries = new StringBuilder();
    attributes.forEach((key, value) -> entries.append("          <entry key=\"").append(key)
        .append("\" value=\"").append(value).append("\"/>\n"));
    String xml = """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans
                   http://www.springframework.org/schema/beans/spring-beans.xsd">
          <bean class="org.apache.ignite.configuration.IgniteConfiguration">
            <property name="peerClassLoadingEnabled" value="true"/>
            <property name="localHost" value="127.0.0.1"/>
            <property name="metricsLogFrequency" value="0"/>
            <property name="userAttributes">
              <map>
        %s      </map>
            </property>
            <property name="cacheConfiguration">
              <list>
        %s      </list>
            </property>
            <property name="dataStorageConfiguration">
              <bean class="org.apache.ignite.configuration.DataStorageConfiguration">
                <property name="defaultDataRegionConfiguration">
                  <bean class="org.apache.ignite.configuration.DataRegionConfiguration">
                    <property name="name" value="default"/>
                    <property name="initialSize" value="#{16L * 1024 * 1024}"/>
                    <property name="maxSize" value="#{256L * 1024 * 1024}"/>
                  </bean>
                </property>
                <property name="dataRegionConfigurations">
                  <list>
        %s          </list>
                </property>
              </bean>
            </property>
            <property name="lifecycleBeans">
              <list>%s</list>
            </property>
            <property name="discoverySpi">
              <bean class="org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi">
                <property name="localPort" value="%d"/>
                <property name="localPortRange" value="%d"/>
                <property name="ipFinder">
                  <bean class="org.apache.ignite.spi.discovery.tcp.ipfinder.vm.TcpDiscoveryVmIpFinder">
                    <property name="addresses"><list><value>127.0.0.1:%d..%d</value></list></property>
                  </bean>
                </property>
              </bean>
            </property>
          </bean>
        </beans>
        """.formatted(entries, String.join("", caches), String.join("", regions),
        String.join("", lifecycleBeans), firstPort, lastPort - firstPort, firstPort, lastPort);
    try {
      return Files.writeString(directory.resolve(name), xml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The Ignite node of this JVM that Ray's current node runs on (in a task: the task's node). */
  static Ignite localIgnite() {
    java.util.UUID here = Ray.getRuntimeContext().getCurrentNodeId().toUuid();
    return Ignition.allGrids().stream().filter(i -> i.cluster().localNode().id().equals(here))
        .findFirst().orElseThrow(() -> new IllegalStateException("no Ignite node here is " + here));
  }
}
