package org.rayonignite.runtime;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.rayonignite.api.ActorId;

/**
 * An actor living on this node: its instance and its mailbox.
 *
 * <p>Design: calls carry a number per caller; the mailbox runs each caller's calls in number
 * order (holding early arrivals until the gap fills, since messages may be handled out of
 * order), callers in arrival order, at most {@code maxConcurrency} at a time, on a pool shared by
 * all actors, so an idle actor holds no thread. A call that returns a {@code CompletableFuture}
 * frees its slot when it returns; its result is sent when the future completes.
 */
final class HostedActor {
  final ActorId id;
  /** The creation that made this instance: run again for a restart in place. */
  final TaskSpec creation;
  final int maxConcurrency;
  /** Resources held for the actor's life (released when it dies). */
  final ResourceSet held;
  final int numRestarts;
  volatile Object instance;
  private final Executor pool;
  private final CallRunner runner;

  /** Next call number expected per caller; guarded by this. */
  private final Map<UUID, Long> nextSequence = new HashMap<>();
  /** Calls that came before their turn, per caller; guarded by this. */
  private final Map<UUID, TreeMap<Long, TaskSpec>> early = new HashMap<>();
  /** Calls whose turn came, in order; guarded by this. */
  private final ArrayDeque<TaskSpec> ready = new ArrayDeque<>();
  /** Calls running now; guarded by this. */
  private int running;
  /** Why the actor is dead, or null while alive; guarded by this. */
  private String deathCause;
  /** Calls cancelled before their turn: skipped when it comes; guarded by this. */
  private final java.util.Set<org.rayonignite.api.TaskId> skipped = new java.util.HashSet<>();
  /** Calls running now and their threads, for cancellation. */
  private final java.util.concurrent.ConcurrentHashMap<org.rayonignite.api.TaskId, Thread> runningCalls =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Set<org.rayonignite.api.TaskId> cancelledRunning =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  /** The actor whose calls the current pool thread runs, and the call it runs next. */
  private static final ThreadLocal<HostedActor> DRAINING = new ThreadLocal<>();
  private static final ThreadLocal<TaskSpec> NEXT = new ThreadLocal<>();

  /** Runs one call of this actor on the calling thread. */
  interface CallRunner {
    void run(TaskSpec call, HostedActor actor);
  }

  HostedActor(ActorId id, TaskSpec creation, Object instance, ResourceSet held, int numRestarts,
      Executor pool, CallRunner runner) {
    this.id = id;
    this.creation = creation;
    this.maxConcurrency = Math.max(1, creation.maxConcurrency);
    this.instance = instance;
    this.held = held;
    this.numRestarts = numRestarts;
    this.pool = pool;
    this.runner = runner;
  }

  /** Takes a call; returns false if the actor is dead (the caller is told by the host). */
  boolean enqueue(TaskSpec call) {
    List<TaskSpec> start = take(call);
    if (start == DEAD) {
      return false;
    }
    start(start);
    return true;
  }

  /**
   * As {@link #enqueue}, but when this one-call-at-a-time actor was idle and a caller-thread slot
   * is free, runs the call that may start now on the calling thread before returning (the next
   * ones go to the pool as usual).
   */
  boolean enqueueHere(TaskSpec call, CallerThreadSlots slots) {
    List<TaskSpec> start = take(call);
    if (start == DEAD) {
      return false;
    }
    if (start == null || maxConcurrency > 1 || !slots.tryTake()) {
      start(start); // a call of a concurrent actor may be interrupted: never on a thread not ours
      return true;
    }
    try {
      runner.run(start.get(0), this);
    } finally {
      slots.release();
    }
    return true;
  }

  private static final List<TaskSpec> DEAD = List.of();

  /** Puts {@code call} in the mailbox; returns the calls that may start now (or DEAD). */
  private List<TaskSpec> take(TaskSpec call) {
    synchronized (this) {
      if (deathCause != null) {
        return DEAD;
      }
      UUID caller = call.taskId.getOwnerUuid();
      // The caller's lowest unfinished number moves past calls it finished without sending
      // (cancelled while they waited for the actor): never wait for those.
      long expected = Math.max(nextSequence.getOrDefault(caller, call.firstUnfinished),
          call.firstUnfinished);
      if (call.sequence < expected) {
        return null; // a copy of a call already taken
      }
      TreeMap<Long, TaskSpec> waiting = early.get(caller);
      if (waiting == null && call.sequence == expected) {
        ready.add(call); // the common case: in order, nothing held back
        nextSequence.put(caller, expected + 1);
      } else {
        if (waiting == null) {
          waiting = new TreeMap<>();
          early.put(caller, waiting);
        }
        waiting.put(call.sequence, call);
        while (!waiting.isEmpty() && waiting.firstKey() < expected) {
          waiting.pollFirstEntry(); // finished at the caller while it waited here
        }
        long next = expected;
        while (!waiting.isEmpty() && waiting.firstKey() == next) {
          ready.add(waiting.pollFirstEntry().getValue());
          next++;
        }
        if (waiting.isEmpty()) {
          early.remove(caller);
        }
        nextSequence.put(caller, next);
      }
      return takeRunnable();
    }
  }

  /** The calls running now that {@code owner} made (anyone's if null). */
  void runningOwnedBy(UUID owner, java.util.Collection<org.rayonignite.api.TaskId> into) {
    for (org.rayonignite.api.TaskId taskId : runningCalls.keySet()) {
      if (owner == null || owner.equals(taskId.getOwnerUuid())) {
        into.add(taskId);
      }
    }
  }

  /** The call starts on the calling thread. */
  void started(TaskSpec call) {
    runningCalls.put(call.taskId, Thread.currentThread());
  }

  /** The call returned; whether it was cancelled while it ran. */
  boolean finishedWasCancelled(TaskSpec call) {
    runningCalls.remove(call.taskId);
    return cancelledRunning.remove(call.taskId);
  }

  /**
   * Cancels a call: one waiting for its turn is skipped when the turn comes (its caller is told
   * now: returns true); a running one is interrupted only if calls may run at once (as Ray).
   */
  boolean cancel(org.rayonignite.api.TaskId taskId) {
    synchronized (this) {
      boolean waiting = ready.stream().anyMatch(c -> c.taskId.equals(taskId))
          || early.values().stream().anyMatch(calls -> calls.values().stream().anyMatch(c -> c.taskId.equals(taskId)));
      if (waiting) {
        skipped.add(taskId);
        return true;
      }
    }
    Thread thread = runningCalls.get(taskId);
    if (thread != null && maxConcurrency > 1) {
      cancelledRunning.add(taskId);
      thread.interrupt();
    }
    return false;
  }

  /** A call finished (or, for an async one, returned its future): the next may start. */
  void callDone() {
    List<TaskSpec> start;
    synchronized (this) {
      running--;
      start = takeRunnable();
    }
    if (start != null && DRAINING.get() == this && NEXT.get() == null) {
      NEXT.set(start.remove(0)); // the thread that ran the last call runs the next: no hand-off
    }
    start(start);
  }

  /**
   * Marks the actor dead; returns the calls that were waiting (their callers must be told). A
   * running call finishes, but its result is replaced by the actor's death.
   */
  List<TaskSpec> die(String cause) {
    synchronized (this) {
      if (deathCause != null) {
        return List.of();
      }
      deathCause = cause;
      List<TaskSpec> waiting = new ArrayList<>(ready);
      ready.clear();
      early.values().forEach(calls -> waiting.addAll(calls.values()));
      early.clear();
      return waiting;
    }
  }

  synchronized String deathCause() {
    return deathCause;
  }

  private List<TaskSpec> takeRunnable() {
    List<TaskSpec> start = null;
    while (running < maxConcurrency && !ready.isEmpty()) {
      TaskSpec call = ready.poll();
      if (skipped.remove(call.taskId)) {
        continue; // cancelled while it waited; its caller was told
      }
      running++;
      if (start == null) {
        start = new ArrayList<>(2);
      }
      start.add(call);
    }
    return start;
  }

  private void start(List<TaskSpec> calls) {
    if (calls == null) {
      return;
    }
    for (TaskSpec call : calls) {
      try {
        pool.execute(() -> drain(call));
      } catch (RejectedExecutionException e) {
        callDone(); // the node is stopping
      }
    }
  }

  /** Runs {@code first}, then each call {@link #callDone} hands to this thread, in a loop. */
  private void drain(TaskSpec first) {
    HostedActor outer = DRAINING.get();
    DRAINING.set(this);
    try {
      TaskSpec call = first;
      while (call != null) {
        runner.run(call, this);
        call = NEXT.get();
        NEXT.remove();
      }
    } finally {
      TaskSpec handedOver = NEXT.get(); // set, if the last run ended by an error after callDone
      NEXT.remove();
      if (outer == null) {
        DRAINING.remove();
      } else {
        DRAINING.set(outer);
      }
      if (handedOver != null) {
        start(new ArrayList<>(List.of(handedOver)));
      }
    }
  }
}
