package org.rayonignite.objectstore;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Writes the chunks of one large object from several threads at once: the caller and up to
 * {@code helpers} pooled threads each take the next chunk until none is left, so copying a chunk
 * out of the array and Ignite's write of the previous one overlap (as Ray copies large objects
 * into plasma with several threads). The pool's threads start on the first large put and end
 * after 10 s idle or at {@link #close()}.
 */
final class ChunkWriters implements AutoCloseable {
  private final ThreadPoolExecutor pool;
  private final int helpers;

  ChunkWriters(String name, int helpers) {
    this.helpers = helpers;
    AtomicInteger count = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(helpers, helpers, 10, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), runnable -> {
          Thread thread = new Thread(runnable, name + "-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
    pool.allowCoreThreadTimeOut(true);
  }

  /** A writer pool with one helper per core beyond the caller's, at most 3. */
  static ChunkWriters forThisMachine(String name) {
    return new ChunkWriters(name, Math.max(1, Math.min(3, Runtime.getRuntime().availableProcessors() - 1)));
  }

  /**
   * Runs {@code write} for every chunk index below {@code count}, each exactly once, and returns
   * when all are done.
   *
   * @throws RuntimeException the first failure of a write (the others still ran or were skipped)
   */
  void writeAll(int count, IntConsumer write) {
    AtomicInteger next = new AtomicInteger();
    CompletableFuture<Void> failed = new CompletableFuture<>();
    Runnable worker = () -> {
      for (int index; (index = next.getAndIncrement()) < count && !failed.isDone(); ) {
        try {
          write.accept(index);
        } catch (RuntimeException | Error e) {
          failed.completeExceptionally(e);
        }
      }
    };
    List<CompletableFuture<Void>> running = new ArrayList<>(helpers);
    for (int i = 0; i < Math.min(helpers, count - 1); i++) {
      try {
        running.add(CompletableFuture.runAsync(worker, pool));
      } catch (RejectedExecutionException e) {
        break; // closing: the caller writes the rest alone
      }
    }
    worker.run();
    for (CompletableFuture<Void> helper : running) {
      helper.join(); // local writes of chunks that were already taken: short
    }
    if (failed.isDone()) {
      try {
        failed.join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        throw (Error) e.getCause();
      }
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
