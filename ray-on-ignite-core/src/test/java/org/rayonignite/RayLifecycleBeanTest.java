package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.config.RayConfig;

/**
 * {@link RayLifecycleBean} on one node in this JVM (isolated discovery, no ports): the node it is
 * declared on becomes this process's Ray with the bean's settings, and stopping the node stops
 * Ray; a node that Ray itself starts from the same XML leaves the bean out. Over two JVMs with
 * Ignite's own launcher: IgniteLauncherTest.
 */
class RayLifecycleBeanTest {
  @TempDir
  Path directory;

  private Path xml() throws Exception {
    return Files.writeString(directory.resolve("node.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <beans xmlns="http://www.springframework.org/schema/beans"
               xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
               xsi:schemaLocation="http://www.springframework.org/schema/beans
                   http://www.springframework.org/schema/beans/spring-beans.xsd">
          <bean class="org.apache.ignite.configuration.IgniteConfiguration">
            <property name="igniteInstanceName" value="bean-test-node"/>
            <property name="localHost" value="127.0.0.1"/>
            <property name="peerClassLoadingEnabled" value="true"/>
            <property name="gridLogger"><bean class="org.apache.ignite.logger.slf4j.Slf4jLogger"/></property>
            <property name="userAttributes">
              <map><entry key="ray.resources.CPU" value="3"/></map>
            </property>
            <property name="discoverySpi">
              <bean class="org.apache.ignite.spi.discovery.isolated.IsolatedDiscoverySpi"/>
            </property>
            <property name="lifecycleBeans">
              <list>
                <bean class="org.rayonignite.RayLifecycleBean">
                  <property name="namespace" value="from-the-bean"/>
                </bean>
              </list>
            </property>
          </bean>
        </beans>
        """);
  }

  @Test
  void theNodeItIsDeclaredOnBecomesThisProcesssRayUntilTheNodeStops() throws Exception {
    try (Ignite ignite = Ignition.start(xml().toString())) {
      assertTrue(Ray.isInitialized());
      assertEquals("from-the-bean", Ray.getRuntimeContext().getNamespace());
      assertEquals(3.0, Ray.getRuntimeContext().getAllNodeInfo().get(0).getResources().get("CPU"));
      assertEquals(6, Ray.task(TaskTest::one, 6).remote().get());
      Ray.init(ignite); // a no-op: this node already has Ray
      assertEquals("from-the-bean", Ray.getRuntimeContext().getNamespace());
    }
    assertFalse(Ray.isInitialized(), "stopping the node stopped Ray");
  }

  @Test
  void aNodeRayStartsFromTheXmlLeavesTheBeanOut() throws Exception {
    Ray.init(RayConfig.builder().springXml(xml().toString()).namespace("from-ray-config").build());
    try {
      assertEquals("from-ray-config", Ray.getRuntimeContext().getNamespace());
      assertEquals(1, Ray.getRuntimeContext().getAllNodeInfo().size());
      assertEquals(7, Ray.task(TaskTest::one, 7).remote().get());
    } finally {
      Ray.shutdown();
    }
    assertTrue(Ignition.allGrids().isEmpty(), "Ray.shutdown() stopped the node Ray started");
  }
}
