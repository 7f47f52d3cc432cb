package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.config.RayConfig;

/**
 * Two node runtimes in one JVM: an object lives in a partition of the node that put it, so it is
 * local there and one fetch away elsewhere, and its key alone says where it is.
 */
class ObjectPlacementTest {
  private static NodeRuntime first;
  private static NodeRuntime second;

  @BeforeAll
  static void start() {
    RayConfig config = RayConfig.builder().address("127.0.0.1:48800..48809")
        .resources(Map.of("CPU", 1.0)).objectStoreMemoryBytes(64L << 20).build();
    first = NodeRuntime.start(config);
    second = NodeRuntime.start(config);
    // Partitions move to the second node when it joins; wait until they have.
    first.ignite().cache("ray-objects").rebalance().get();
    second.ignite().cache("ray-objects").rebalance().get();
  }

  @AfterAll
  static void stop() {
    second.shutdown();
    first.shutdown();
  }

  @Test
  void anObjectLivesOnTheNodeThatPutIt() {
    for (NodeRuntime owner : new NodeRuntime[] {first, second}) {
      NodeRuntime other = owner == first ? second : first;
      byte[] value = new byte[300_000];
      value[7] = 7;
      ObjectRefImpl<?> ref = (ObjectRefImpl<?>) owner.put(value);
      long key = ((ObjectLocation.Stored) ref.entry().location.join()).key();
      assertTrue(owner.objects().store().isLocal(key));
      assertFalse(other.objects().store().isLocal(key));
      assertEquals(owner.localNodeId(), other.objects().store().primaryNode(key));
      ObjectRef<byte[]> elsewhere = other.objects().refFor(ref.getId(), ref.entry().location.join());
      assertArrayEquals(value, elsewhere.get());
    }
  }
}
