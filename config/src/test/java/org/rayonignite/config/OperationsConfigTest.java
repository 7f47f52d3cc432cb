package org.rayonignite.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The metrics port and the deserialization lists of {@link RayConfig}, and their patterns. */
class OperationsConfigTest {
  @Test
  void defaultsAreNoEndpointAndNoListsOfOurOwn() {
    RayConfig config = RayConfig.builder().build();
    assertEquals(0, config.getMetricsPort());
    assertEquals(List.of(), config.getDeserializationAllowList());
    assertEquals(List.of(), config.getDeserializationDenyList());
  }

  @Test
  void readsThemFromPropertiesAndEnvironment() {
    Map<String, String> props = Map.of("ray.metricsPort", "9090",
        "ray.deserializationAllowList", "com.acme.*, org.example.Dto");
    Map<String, String> env = Map.of("RAY_DESERIALIZATION_DENY_LIST", "com.acme.internal.*");
    RayConfig config = RayConfig.fromSources(props::get, env::get);
    assertEquals(9090, config.getMetricsPort());
    assertEquals(List.of("com.acme.*", "org.example.Dto"), config.getDeserializationAllowList());
    assertEquals(List.of("com.acme.internal.*"), config.getDeserializationDenyList());
    assertEquals(config.getDeserializationAllowList(),
        config.toBuilder().build().getDeserializationAllowList());
  }

  @Test
  void badValuesAreRejectedWithTheValueNamed() {
    IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.builder().metricsPort(70000));
    assertTrue(port.getMessage().contains("70000"), port.getMessage());
    IllegalArgumentException pattern = assertThrows(IllegalArgumentException.class,
        () -> RayConfig.builder().deserializationDenyList(List.of("com.acme.*", "com/acme")));
    assertTrue(pattern.getMessage().contains("\"com/acme\""), pattern.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> RayConfig.fromSources(Map.of("ray.deserializationAllowList", "a,,b")::get, name -> null));
  }

  @Test
  void patternsMatchWithStarsAnywhere() {
    assertTrue(ClassNamePattern.of("com.acme.Order").matches("com.acme.Order"));
    assertFalse(ClassNamePattern.of("com.acme.Order").matches("com.acme.OrderLine"));
    assertTrue(ClassNamePattern.of("com.acme.*").matches("com.acme.sub.Order$Line"));
    assertFalse(ClassNamePattern.of("com.acme.*").matches("com.acmes.Order"));
    assertTrue(ClassNamePattern.of("*Impl").matches("com.sun.rowset.JdbcRowSetImpl"));
    assertFalse(ClassNamePattern.of("*Impl").matches("com.sun.rowset.JdbcRowSetImpls"));
    assertTrue(ClassNamePattern.of("com.*.Order*").matches("com.acme.OrderLine"));
    assertFalse(ClassNamePattern.of("com.*.Order*").matches("org.acme.OrderLine"));
    assertTrue(ClassNamePattern.of("*").matches("anything.At.All"));
    assertTrue(ClassNamePattern.of("a*b*c").matches("abc"));
    assertFalse(ClassNamePattern.of("a*bc*c").matches("abc"));
  }
}
