package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several callers at once, each a thread stepping a workload of its own: the runner's thread
 * steps the first, a thread of this workload's pool each of the others, from {@link #begin()} to
 * {@link #finish()}. At the end of a run all callers stop at once and each finishes its own
 * workload (drains its window); a run's units are the calls all callers completed. A caller that
 * fails fails the run, from {@code finish}.
 *
 * <p>Each workload is confined to one thread at a time; a caller's thread hands it back through
 * its future, so the next run sees its state.
 */
final class ParallelCallers implements Workload {
  private final List<Workload> callers;
  private final ExecutorService pool;
  /** The other callers' runs in progress: started by begin, collected by finish. */
  private final List<Future<Long>> running = new ArrayList<>();
  private volatile boolean stopping;

  ParallelCallers(List<Workload> callers) {
    if (callers.isEmpty()) {
      throw new IllegalArgumentException("no callers");
    }
    this.callers = List.copyOf(callers);
    AtomicInteger threads = new AtomicInteger(1);
    this.pool = Executors.newFixedThreadPool(Math.max(1, callers.size() - 1), task -> {
      Thread thread = new Thread(task, "bench-caller-" + threads.getAndIncrement());
      thread.setDaemon(true);
      return thread;
    });
  }

  @Override
  public void begin() {
    stopping = false;
    callers.get(0).begin();
    for (Workload caller : callers.subList(1, callers.size())) {
      running.add(pool.submit(() -> {
        caller.begin();
        long units = 0;
        while (!stopping) {
          units += caller.step();
        }
        return units + caller.finish();
      }));
    }
  }

  @Override
  public long step() {
    return callers.get(0).step();
  }

  @Override
  public long finish() {
    stopping = true; // the other callers drain their windows while this one drains its own
    try {
      long units = callers.get(0).finish();
      for (Future<Long> caller : running) {
        units += caller.get();
      }
      return units;
    } catch (ExecutionException e) {
      throw new IllegalStateException("a caller failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the callers", e);
    } finally {
      running.clear();
    }
  }

  @Override
  public void close() {
    stopping = true;
    pool.shutdownNow();
    callers.forEach(Workload::close);
  }
}
