package org.rayonignite;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Latches a test opens to let a task (running in the same JVM) go on. */
final class Latches {
  private static final Map<String, CountDownLatch> LATCHES = new ConcurrentHashMap<>();

  private Latches() {}

  static void put(String name, CountDownLatch latch) {
    LATCHES.put(name, latch);
  }

  static String await(String name) throws InterruptedException {
    if (!LATCHES.get(name).await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("latch " + name + " was not opened");
    }
    return name;
  }
}
