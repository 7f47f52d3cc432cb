package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import javax.management.BadAttributeValueExpException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RaySerializationException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * A worker JVM refuses to deserialize task arguments and objects of known gadget classes, and of
 * the classes its own deny list names, with an error that names the class and the list; the
 * cluster keeps working.
 */
class DeserializationMultiJvmTest {
  private static final String ADDRESS = TestClusters.address(49460);
  private static NodeProcess worker;

  /** A class only the worker's deny list names. */
  record Forbidden(String secret) {}

  @BeforeAll
  static void start() {
    worker = TestClusters.worker(ADDRESS, "--resources", "CPU=2", "--deserialization-deny-list",
        "org.rayonignite.DeserializationMultiJvmTest$Forbidden").start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(64L << 20).build());
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
    worker.close();
    assertFalse(worker.isAlive(), "worker " + worker.pid() + " is still running");
  }

  static String typeOf(Object value) {
    return value.getClass().getName();
  }

  static String secretOf(Forbidden value) {
    return value.secret();
  }

  @Test
  void aGadgetClassAsATaskArgumentFailsTheTaskWithTheClassAndListNamed() {
    NodeId node = worker.nodeId();
    RaySerializationException e = assertThrows(RaySerializationException.class,
        () -> Ray.task(DeserializationMultiJvmTest::typeOf, new BadAttributeValueExpException("x"))
            .setNodeAffinity(node, false).remote().get());
    assertEquals(BadAttributeValueExpException.class.getName(), e.getFailedClassName());
    assertTrue(e.getMessage().contains("argument 0 of"), e.getMessage());
    assertTrue(e.getMessage().contains(node.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("cannot deserialize javax.management."
        + "BadAttributeValueExpException: refused by the built-in deny list of known gadget "
        + "classes"), e.getMessage());
    assertEquals("java.lang.String",
        Ray.task(DeserializationMultiJvmTest::typeOf, "still working").setNodeAffinity(node, false)
            .remote().get());
  }

  @Test
  void theWorkersOwnDenyListAppliesToArgumentsAndStoredObjects() {
    NodeId node = worker.nodeId();
    Forbidden value = new Forbidden("s");
    RaySerializationException argument = assertThrows(RaySerializationException.class,
        () -> Ray.task(DeserializationMultiJvmTest::typeOf, List.of(value))
            .setNodeAffinity(node, false).remote().get());
    assertEquals(Forbidden.class.getName(), argument.getFailedClassName());
    assertTrue(argument.getMessage().contains("refused by the deserialization deny list (pattern "
        + "org.rayonignite.DeserializationMultiJvmTest$Forbidden)"), argument.getMessage());

    ObjectRef<Forbidden> stored = Ray.put(value);
    RaySerializationException object = assertThrows(RaySerializationException.class,
        () -> Ray.task(DeserializationMultiJvmTest::secretOf, stored).setNodeAffinity(node, false)
            .remote().get());
    assertEquals(Forbidden.class.getName(), object.getFailedClassName());
    // This node has no such list: the same value is fine here.
    assertEquals("s", Ray.task(DeserializationMultiJvmTest::secretOf, stored)
        .setNodeAffinity(Ray.getRuntimeContext().getCurrentNodeId(), false).remote().get());
    assertEquals(value, stored.get());
    assertEquals("java.lang.Integer", Ray.task(DeserializationMultiJvmTest::typeOf, 7)
        .setNodeAffinity(node, false).remote().get());
  }
}
