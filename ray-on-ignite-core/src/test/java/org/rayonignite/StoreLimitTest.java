package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.ignite.Ignition;
import org.apache.ignite.configuration.CacheConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.config.RayConfig;

/**
 * The object store's size and backups come from RayConfig; held objects beyond the size spill to
 * disk; a put larger than the whole store fails clearly.
 */
class StoreLimitTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().objectStoreMemoryBytes(32L << 20).objectStoreBackups(1).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  @Test
  void backupsComeFromTheConfig() {
    CacheConfiguration<?, ?> cache = Ignition.allGrids().get(0).cache("ray-objects")
        .getConfiguration(CacheConfiguration.class);
    assertEquals(1, cache.getBackups());
  }

  @Test
  void aPutBiggerThanTheStoreFailsAndTheNodeKeepsWorking() {
    RayException error = assertThrows(RayException.class, () -> Ray.put(new byte[64 << 20]));
    assertTrue(error.getMessage().contains("objectStoreMemoryBytes"), error.getMessage());
    assertTrue(Ignition.allGrids().get(0).cluster().localNode() != null);
    assertEquals(3, Ray.put(3).get());
    assertEquals(1, Ray.task(TaskTest::one, 1).remote().get());
  }

  @Test
  void heldObjectsBeyondTheStoreSpillToDiskAndReadBack() {
    // 100 MiB of puts, all still referenced, through a 32 MiB store: those that do not fit go to
    // disk files instead of failing. (Refs dropped on the way would be freed and make room.)
    List<ObjectRef<byte[]>> held = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      held.add(Ray.put(Patterns.bytes(512 << 10, i)));
    }
    for (int i = 0; i < held.size(); i++) {
      assertEquals(Patterns.crc(512 << 10, i), Patterns.crc(held.get(i).get()), "object " + i);
    }
    assertEquals(1, Ray.task(TaskTest::one, 1).remote().get());
  }
}
