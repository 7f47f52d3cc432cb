package org.rayonignite.runtime;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds how much work runs on threads that are not ours: tasks and actor calls that arrive in a
 * message may run on the Ignite public-pool thread that received it, as Ignite runs a remote
 * compute job on the thread that received its request, saving a thread hand-off per call. At most
 * {@code max} run so at once, blocked ones included, so the rest of the public pool stays free to
 * deliver the messages (results, objects) that work may wait for.
 */
final class CallerThreadSlots {
  private final int max;
  private final AtomicInteger taken = new AtomicInteger();

  CallerThreadSlots(int max) {
    this.max = max;
  }

  /** A quarter of Ignite's public pool, at least one. */
  static CallerThreadSlots forPublicPool(int publicPoolSize) {
    return new CallerThreadSlots(Math.max(1, publicPoolSize / 4));
  }

  /** Takes a slot if one is free; a true must be matched by {@link #release}. */
  boolean tryTake() {
    int now;
    do {
      now = taken.get();
      if (now >= max) {
        return false;
      }
    } while (!taken.compareAndSet(now, now + 1));
    return true;
  }

  void release() {
    taken.decrementAndGet();
  }
}
