package org.rayonignite.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Turns a hang into a diagnosis: if a guarded step outlasts its limit, prints the stack of every
 * thread of this JVM (where the runtime is stuck) to stderr and exits with code 2, which also
 * stops the worker JVM through its shutdown hook. Without it a lost task result would block the
 * benchmark, and the build running it, forever.
 */
final class Watchdog {
  static final int EXIT_CODE = 2;
  private static final Duration HALT_AFTER = Duration.ofSeconds(30);

  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
    Thread thread = new Thread(task, "bench-watchdog");
    thread.setDaemon(true);
    return thread;
  });

  /** Runs {@code action}; aborts the JVM if it takes longer than {@code limit}. */
  <T> T guard(String what, Duration limit, Supplier<T> action) {
    ScheduledFuture<?> alarm = timer.schedule(() -> abort(what, limit), limit.toMillis(),
        TimeUnit.MILLISECONDS);
    try {
      return action.get();
    } finally {
      alarm.cancel(false);
    }
  }

  private static void abort(String what, Duration limit) {
    PrintStream err = System.err;
    err.println("# HANG: " + what + " did not finish within " + limit.toSeconds() + " s; threads:");
    for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
      err.println("\"" + thread.getKey().getName() + "\" " + thread.getKey().getState());
      for (StackTraceElement frame : thread.getValue()) {
        err.println("    at " + frame);
      }
    }
    err.flush();
    Thread halter = new Thread(() -> {
      try {
        Thread.sleep(HALT_AFTER.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      Runtime.getRuntime().halt(EXIT_CODE); // shutdown hooks hung too
    }, "bench-halter");
    halter.setDaemon(true);
    halter.start();
    System.exit(EXIT_CODE);
  }
}
