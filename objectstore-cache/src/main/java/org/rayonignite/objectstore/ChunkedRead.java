package org.rayonignite.objectstore;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * Reads an object of {@code size} bytes as {@code count} chunks, at most {@code window} at a
 * time, into one array allocated up front: the reader's heap holds the object once plus the
 * chunks in flight, never a second copy of the whole.
 *
 * <p>Design: each chunk's future, completed on the caller's executor (never an Ignite thread),
 * copies its bytes in and starts the next chunk not yet asked for; the one that copies the last
 * chunk completes the result. A chunk that comes back null (the object was freed or lost)
 * completes the result with null; an error completes it with the error. Chunks started after
 * that are still read but not copied.
 */
final class ChunkedRead {
  private final byte[] result;
  private final int chunkSize;
  private final int count;
  private final IntFunction<CompletableFuture<byte[]>> fetch;
  private final AtomicInteger nextToStart = new AtomicInteger();
  private final AtomicInteger copied = new AtomicInteger();
  private final CompletableFuture<byte[]> done = new CompletableFuture<>();

  private ChunkedRead(int size, int chunkSize, IntFunction<CompletableFuture<byte[]>> fetch) {
    this.result = new byte[size];
    this.chunkSize = chunkSize;
    this.count = (int) (((long) size + chunkSize - 1) / chunkSize);
    this.fetch = fetch;
  }

  /**
   * Starts reading; {@code fetch} gives chunk {@code i}'s bytes (chunk {@code i} starts at byte
   * {@code i * chunkSize}).
   */
  static CompletableFuture<byte[]> start(int size, int chunkSize, int window,
      IntFunction<CompletableFuture<byte[]>> fetch) {
    ChunkedRead read = new ChunkedRead(size, chunkSize, fetch);
    if (read.count == 0) {
      read.done.complete(read.result);
    }
    for (int i = 0; i < Math.min(window, read.count); i++) {
      read.startNext();
    }
    return read.done;
  }

  private void startNext() {
    int index = nextToStart.getAndIncrement();
    if (index >= count || done.isDone()) {
      return;
    }
    CompletableFuture<byte[]> chunk;
    try {
      chunk = fetch.apply(index);
    } catch (RuntimeException e) {
      done.completeExceptionally(e);
      return;
    }
    chunk.whenComplete((bytes, error) -> arrived(index, bytes, error));
  }

  private void arrived(int index, byte[] bytes, Throwable error) {
    if (error != null) {
      done.completeExceptionally(error);
      return;
    }
    int offset = index * chunkSize;
    int length = Math.min(chunkSize, result.length - offset);
    if (bytes == null || bytes.length != length) {
      done.complete(null);
      return;
    }
    if (done.isDone()) {
      return;
    }
    System.arraycopy(bytes, 0, result, offset, length);
    if (copied.incrementAndGet() == count) {
      done.complete(result);
    } else {
      startNext();
    }
  }
}
