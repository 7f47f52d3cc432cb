package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rayonignite.config.RayConfig;

/** {@code --metrics-port} and the deserialization list options of {@code ray-ignite start}. */
class OperationsOptionsTest {
  private static RayConfig parse(String... options) {
    List<String> args = new ArrayList<>(List.of("--block", "--address", "127.0.0.1"));
    args.addAll(List.of(options));
    return RayIgnite.parseStart(args, name -> null);
  }

  @Test
  void optionsAsTheReadmeWritesThem() {
    RayConfig config = parse("--metrics-port", "9090", "--deserialization-deny-list",
        "com.acme.internal.*", "--deserialization-allow-list", "com.acme.*,org.example.Dto");
    assertEquals(9090, config.getMetricsPort());
    assertEquals(List.of("com.acme.internal.*"), config.getDeserializationDenyList());
    assertEquals(List.of("com.acme.*", "org.example.Dto"), config.getDeserializationAllowList());
  }

  @Test
  void badValuesNameTheProblem() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--metrics-port", "http"))
        .getMessage().contains("--metrics-port needs an integer"));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--metrics-port", "-1"))
        .getMessage().contains("-1"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> parse("--deserialization-deny-list", "com.acme/x")).getMessage().contains("com.acme/x"));
  }
}
