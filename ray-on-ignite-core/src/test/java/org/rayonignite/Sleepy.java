package org.rayonignite;

import java.util.concurrent.atomic.AtomicInteger;

/** Tasks that sleep and record how many of them ran at once in this JVM. */
final class Sleepy {
  static final AtomicInteger RUNNING = new AtomicInteger();
  static final AtomicInteger MAX_CONCURRENT = new AtomicInteger();

  private Sleepy() {}

  static void reset() {
    RUNNING.set(0);
    MAX_CONCURRENT.set(0);
  }

  static int sleepAndCount(int millis) throws InterruptedException {
    int now = RUNNING.incrementAndGet();
    MAX_CONCURRENT.accumulateAndGet(now, Math::max);
    try {
      Thread.sleep(millis);
    } finally {
      RUNNING.decrementAndGet();
    }
    return now;
  }
}
