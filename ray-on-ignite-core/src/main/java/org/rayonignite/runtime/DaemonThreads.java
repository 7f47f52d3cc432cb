package org.rayonignite.runtime;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Names threads after their pool and makes them daemons, so they never keep a JVM alive. */
final class DaemonThreads implements ThreadFactory {
  private final String prefix;
  private final AtomicInteger counter = new AtomicInteger();

  DaemonThreads(String prefix) {
    this.prefix = prefix;
  }

  @Override
  public Thread newThread(Runnable work) {
    Thread thread = new Thread(work, prefix + "-" + counter.incrementAndGet());
    thread.setDaemon(true);
    return thread;
  }
}
