package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ignite.lang.IgniteCallable;
import org.rayonignite.Ray;
import org.rayonignite.api.actor.ActorHandle;

/**
 * The work of the actor benchmarks, in both forms: a counter actor whose method increments its
 * count and returns it, and for raw compute an Ignite callable doing the same to a counter held
 * in a static map on the node that runs it, one counter per emulated actor. Either way a call
 * carries no argument but its target and returns a small long, so what is measured is the cost
 * of getting a call to the actor's node, through its state, and its result back.
 */
final class ActorWork {
  /** The raw side's actor state: counters by emulated actor, on the node the jobs run on. */
  private static final ConcurrentHashMap<UUID, AtomicLong> RAW_COUNTERS = new ConcurrentHashMap<>();

  private ActorWork() {}

  /** The actor; its count is atomic, as calls to it may run at once (max concurrency above 1). */
  static final class Counter {
    private final AtomicLong count = new AtomicLong();

    long increment() {
      return count.incrementAndGet();
    }
  }

  /**
   * The raw job: increments the counter of its emulated actor. A static nested class, so peer
   * class loading can bring it to the worker; the counter stays there for the JVM's life (a few
   * longs per benchmark run).
   */
  static final class IncrementCallable implements IgniteCallable<Long> {
    private static final long serialVersionUID = 1L;
    private final UUID actor;

    /** A job for a new emulated actor, counting from 0. */
    IncrementCallable() {
      this.actor = UUID.randomUUID();
    }

    @Override
    public Long call() {
      return RAW_COUNTERS.computeIfAbsent(actor, key -> new AtomicLong()).incrementAndGet();
    }
  }

  /**
   * {@code count} new counter actors on the task node, each running up to {@code maxConcurrency}
   * calls at once. {@code remote()} returns before an actor is alive: the first calls, in the
   * warm-up, wait for its creation.
   */
  static List<ActorHandle<Counter>> counters(ClusterUnderTest cluster, int count, int maxConcurrency) {
    List<ActorHandle<Counter>> counters = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      counters.add(cluster.onTaskNode(Ray.actor(Counter::new)).setMaxConcurrency(maxConcurrency).remote());
    }
    return counters;
  }

  /** {@code workload}, which kills {@code actors} when it is closed, after all runs. */
  static Workload killingOnClose(Workload workload, List<? extends ActorHandle<?>> actors) {
    return new Workload() {
      @Override
      public void begin() {
        workload.begin();
      }

      @Override
      public long step() {
        return workload.step();
      }

      @Override
      public long finish() {
        return workload.finish();
      }

      @Override
      public void close() {
        try {
          workload.close();
        } finally {
          actors.forEach(ActorHandle::kill);
        }
      }
    };
  }

  /**
   * Throws unless {@code count} can be what a call returned: a count of at least 1. For calls
   * that may run in any order (several at once on an actor, raw jobs on Ignite's pool); a guard
   * against measuring failures.
   */
  static void check(Long count) {
    if (count == null || count < 1) {
      throw new IllegalStateException("an actor call returned " + count + ", expected a count >= 1");
    }
  }

  /**
   * Checks the results of calls that run in order on each of {@code actors} counters, submitted
   * round-robin and awaited in submission order (as {@link InFlightWindow} does): each counter's
   * results must be 1, 2, 3... with no gap, so a lost, repeated or reordered call fails the run.
   */
  static final class InOrder {
    private final long[] last;
    private int next;

    InOrder(int actors) {
      this.last = new long[actors];
    }

    void check(Long count) {
      int actor = next;
      next = (next + 1) % last.length;
      long expected = last[actor] + 1;
      if (count == null || count != expected) {
        throw new IllegalStateException("call to actor " + actor + " returned " + count + ", expected "
            + expected + " (calls in submission order)");
      }
      last[actor] = expected;
    }
  }

  /** Hands out {@code items} in turn, from the first, forever. */
  static final class RoundRobin<T> implements Supplier<T> {
    private final List<T> items;
    private int next;

    RoundRobin(List<T> items) {
      this.items = List.copyOf(items);
    }

    @Override
    public T get() {
      T item = items.get(next);
      next = (next + 1) % items.size();
      return item;
    }
  }
}
