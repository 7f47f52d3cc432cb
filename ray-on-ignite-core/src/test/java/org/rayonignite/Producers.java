package org.rayonignite;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Streaming functions for generator tests. */
final class Producers {
  static final Map<String, AtomicInteger> PRODUCED = new ConcurrentHashMap<>();
  static final Map<String, CountDownLatch> REACHED = new ConcurrentHashMap<>();
  static final Map<String, Boolean> INTERRUPTED = new ConcurrentHashMap<>();

  private Producers() {}

  static Iterator<Integer> count(int n) {
    return IntStream.range(0, n).iterator();
  }

  static List<String> letters() {
    return List.of("a", "b", "c");
  }

  static Stream<Integer> squares(int n) {
    return IntStream.range(0, n).mapToObj(i -> i * i);
  }

  static Iterator<Integer> failAfter(int k) {
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return true;
      }

      @Override
      public Integer next() {
        if (next == k) {
          throw new IllegalStateException("broke after " + k);
        }
        return next++;
      }
    };
  }

  /**
   * Produces {@code n} elements; before element {@code i} it counts down latch
   * {@code name + "-" + i} if one is registered, and waits on latch {@code name + "-go-" + i}.
   */
  static Iterator<Integer> gated(String name, int n) {
    AtomicInteger produced = PRODUCED.computeIfAbsent(name, k -> new AtomicInteger());
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public Integer next() {
        if (next >= n) {
          throw new NoSuchElementException();
        }
        CountDownLatch reached = REACHED.get(name + "-" + next);
        if (reached != null) {
          reached.countDown();
        }
        CountDownLatch go = REACHED.get(name + "-go-" + next);
        if (go != null) {
          try {
            go.await();
          } catch (InterruptedException e) {
            INTERRUPTED.put(name, true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
          }
        }
        produced.incrementAndGet();
        return next++;
      }
    };
  }

  /** Endless, until interrupted (cancel or a dropped generator). */
  static Iterator<Integer> endless(String name) {
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        if (Thread.currentThread().isInterrupted()) {
          INTERRUPTED.put(name, true);
          return false;
        }
        return true;
      }

      @Override
      public Integer next() {
        try {
          Thread.sleep(5);
        } catch (InterruptedException e) {
          INTERRUPTED.put(name, true);
          Thread.currentThread().interrupt();
        }
        return next++;
      }
    };
  }
}
