package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.RuntimeContext;
import org.rayonignite.config.RayConfig;

class RuntimeContextTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().namespace("context-test").resources(Map.of("CPU", 2.0, "GPU", 1.0))
        .labels(Map.of("zone", "a")).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static List<String> contextInsideTask() {
    RuntimeContext context = Ray.getRuntimeContext();
    return List.of(context.getCurrentJobId().toString(), String.valueOf(context.getCurrentTaskId()),
        context.getCurrentNodeId().toString(), context.getNamespace());
  }

  @Test
  void describesTheDriverAndTheTask() {
    RuntimeContext context = Ray.getRuntimeContext();
    assertNotNull(context.getCurrentJobId());
    assertNull(context.getCurrentTaskId());
    assertNull(context.getCurrentActorId());
    assertEquals("context-test", context.getNamespace());
    List<String> inside = Ray.task(RuntimeContextTest::contextInsideTask).remote().get();
    assertEquals(context.getCurrentJobId().toString(), inside.get(0));
    assertNotEquals("null", inside.get(1));
    assertEquals(context.getCurrentNodeId().toString(), inside.get(2));
    assertEquals("context-test", inside.get(3));
    String otherTask = Ray.task(RuntimeContextTest::contextInsideTask).remote().get().get(1);
    assertNotEquals(inside.get(1), otherTask);
  }

  @Test
  void listsNodesWithResourcesAndLabels() {
    List<NodeInfo> nodes = Ray.getRuntimeContext().getAllNodeInfo();
    assertEquals(1, nodes.size());
    NodeInfo node = nodes.get(0);
    assertTrue(node.isAlive());
    assertEquals(Ray.getRuntimeContext().getCurrentNodeId(), node.getNodeId());
    assertEquals(Map.of("CPU", 2.0, "GPU", 1.0), node.getResources());
    assertEquals(Map.of("zone", "a"), node.getLabels());
    assertTrue(node.getAddress().matches("127\\.0\\.0\\.1:\\d+"), node.getAddress());
    Map<String, Double> available = Ray.getRuntimeContext().getAvailableResources();
    assertEquals(2.0, available.get("CPU"));
    assertEquals(1.0, available.get("GPU"));
  }
}
