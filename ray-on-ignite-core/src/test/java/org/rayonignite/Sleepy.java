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

  private static final Object PEERS = new Object();

  /**
   * Counts as running, then waits until {@code peers} such tasks run at once (or {@code maxMillis}
   * pass): a node that can run that many at once reaches exactly that many.
   */
  static int awaitPeers(int peers, int maxMillis) throws InterruptedException {
    int now = RUNNING.incrementAndGet();
    MAX_CONCURRENT.accumulateAndGet(now, Math::max);
    try {
      long deadline = System.currentTimeMillis() + maxMillis;
      synchronized (PEERS) {
        PEERS.notifyAll();
        long left;
        while (RUNNING.get() < peers && (left = deadline - System.currentTimeMillis()) > 0) {
          PEERS.wait(left);
        }
      }
    } finally {
      RUNNING.decrementAndGet();
    }
    return now;
  }
}
