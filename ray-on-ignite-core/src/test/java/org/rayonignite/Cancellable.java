package org.rayonignite;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rayonignite.api.ObjectRef;

/** Tasks for cancellation tests: they record that they started and how they ended. */
final class Cancellable {
  static final Set<String> STARTED = ConcurrentHashMap.newKeySet();
  static final Set<String> INTERRUPTED = ConcurrentHashMap.newKeySet();
  static final Map<String, ObjectRef<String>> CHILDREN = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> STARTED_LATCHES = new ConcurrentHashMap<>();

  private Cancellable() {}

  static CountDownLatch watch(String name) {
    CountDownLatch latch = new CountDownLatch(1);
    STARTED_LATCHES.put(name, latch);
    return latch;
  }

  private static void started(String name) {
    STARTED.add(name);
    CountDownLatch latch = STARTED_LATCHES.get(name);
    if (latch != null) {
      latch.countDown();
    }
  }

  static String sleep(String name, int millis) {
    started(name);
    try {
      Thread.sleep(millis);
      return name;
    } catch (InterruptedException e) {
      INTERRUPTED.add(name);
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Ignores interrupts: only a forced cancel lets go of it. */
  static String stubborn(String name, int millis) {
    started(name);
    long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
    while (System.nanoTime() < end) {
      Thread.interrupted();
      Thread.onSpinWait();
    }
    return name;
  }

  /** Sleeps; if interrupted, says so to {@code log} (an actor anywhere) before failing. */
  static String reporting(org.rayonignite.api.actor.ActorHandle<Counter> log, String name) {
    log.task(Counter::record, name + " started", 0).remote().get();
    try {
      Thread.sleep(60_000);
      return name;
    } catch (InterruptedException e) {
      log.task(Counter::record, name + " interrupted", 0).remote().get();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Submits a reporting child, reports, then waits for the child. */
  static String reportingParent(org.rayonignite.api.actor.ActorHandle<Counter> log, String name) {
    ObjectRef<String> child = Ray.task(Cancellable::reporting, log, name + "-child").remote();
    return child.get();
  }

  /** Submits a long child, then waits for it. */
  static String parent(String name) {
    started(name);
    ObjectRef<String> child = Ray.task(Cancellable::sleep, name + "-child", 60_000).remote();
    CHILDREN.put(name, child);
    return child.get();
  }
}
