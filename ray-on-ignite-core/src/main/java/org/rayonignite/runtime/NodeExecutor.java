package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import org.rayonignite.api.TaskId;

/**
 * Runs the tasks sent to this node within its resources.
 *
 * <p>Design: tasks wait in one FIFO queue per resource shape (Ray's scheduling classes); the head
 * of a shape's queue starts when its demand fits what is free, so a task of one shape may pass a
 * task of another that does not fit yet, and an admission pass costs one check per shape, not
 * per queued task. Starting and finishing adjust the
 * free amounts under {@link #lock}; the task itself runs on a pooled daemon thread after the lock
 * is released. A task blocked in {@code get}/{@code wait} gives its resources back
 * ({@link #release}) and takes them again when it resumes ({@link #reacquire}), which may
 * briefly exceed the total, as in Ray; new tasks start only while the demand fits.
 */
final class NodeExecutor {
  private final Map<String, Double> totals;
  private final BiConsumer<TaskSpec, NodeExecutor> runner;
  private final BiConsumer<TaskSpec, String> rejecter;
  private final ExecutorService threads;
  private final Object lock = new Object();
  /** Free amount per resource name; guarded by lock. */
  private final Map<String, Double> free;
  /** Tasks not started yet: per resource shape, in arrival order, by id; guarded by lock. */
  private final Map<ResourceSet, LinkedHashMap<TaskId, TaskSpec>> queues = new LinkedHashMap<>();
  /** All queued tasks by id, for {@link #runQueuedWithin}; guarded by lock. */
  private final Map<TaskId, TaskSpec> queuedById = new HashMap<>();
  /** Tasks started and not finished; guarded by lock. */
  private int running;
  /** The tasks running now and their threads, for cancellation. */
  private final java.util.concurrent.ConcurrentHashMap<TaskId, Running> runningTasks =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A task running on a thread; a cancel interrupts the thread. */
  static final class Running {
    final TaskSpec spec;
    final Thread thread;
    volatile boolean cancelled;
    /** Forcibly cancelled: its resources were given back already and its result is dropped. */
    boolean abandoned;
    /** Blocked in get or wait, its resources given back meanwhile; guarded by lock. */
    boolean blocked;

    Running(TaskSpec spec, Thread thread) {
      this.spec = spec;
      this.thread = thread;
    }
  }

  /**
   * @param runner runs one task on the calling (pooled) thread
   * @param rejecter fails a task this node can never run, with the reason
   */
  NodeExecutor(String name, Map<String, Double> totals, BiConsumer<TaskSpec, NodeExecutor> runner,
      BiConsumer<TaskSpec, String> rejecter) {
    this.totals = Map.copyOf(totals);
    this.free = new HashMap<>(totals);
    this.runner = runner;
    this.rejecter = rejecter;
    this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), new DaemonThreads("ray-task-" + name));
  }

  void submit(TaskSpec spec) {
    if (!spec.demand.fitsIn(totals)) {
      rejecter.accept(spec, "it needs " + spec.demand + " but this node has only " + totals);
      return;
    }
    List<TaskSpec> start;
    spec.queuedAt = System.nanoTime();
    synchronized (lock) {
      queues.computeIfAbsent(spec.demand, shape -> new LinkedHashMap<>()).put(spec.taskId, spec);
      queuedById.put(spec.taskId, spec);
      start = admit();
    }
    start(start);
  }

  /**
   * Runs the queued task {@code taskId} on the calling thread, inside the resources the caller
   * holds ({@code reserved}), if it needs no more than those: a task about to block on its
   * child's result runs the child itself, as a fork-join pool's join does, so recursion costs
   * neither a thread nor a trip through the queue per level. Returns whether it ran.
   */
  boolean runQueuedWithin(TaskId taskId, ResourceSet reserved) {
    TaskSpec spec;
    synchronized (lock) {
      spec = queuedById.get(taskId);
      if (spec == null || !spec.demand.fitsWithin(reserved)) {
        return false;
      }
      dequeue(spec);
      running++;
    }
    try {
      runner.accept(spec, this);
    } finally {
      synchronized (lock) {
        running--;
      }
    }
    return true;
  }

  /**
   * Takes out of the queue up to {@code max} spillable tasks that have waited longer than
   * {@code waitedNanos} and that {@code elsewhere} says another node could run now: this node is
   * busy, so their owners should place them again.
   */
  List<TaskSpec> takeSpillable(long waitedNanos, int max, Predicate<TaskSpec> elsewhere) {
    List<TaskSpec> taken = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (lock) {
      for (LinkedHashMap<TaskId, TaskSpec> queue : queues.values()) {
        for (TaskSpec spec : queue.values()) {
          if (taken.size() >= max || now - spec.queuedAt < waitedNanos) {
            break; // queues are in arrival order: the rest waited less
          }
          if (spec.spillable && elsewhere.test(spec)) {
            taken.add(spec);
          }
        }
      }
      taken.forEach(this::dequeue);
    }
    return taken;
  }

  /**
   * Cancels task {@code taskId} here: a queued one is taken out (returned, so its owner is told);
   * a running one is interrupted, and with {@code force} its resources are given back at once
   * and its result dropped. Returns the queued task taken out, or null.
   */
  TaskSpec cancel(TaskId taskId, boolean force) {
    List<TaskSpec> start = null;
    TaskSpec removed = null;
    synchronized (lock) {
      TaskSpec queued = queuedById.get(taskId);
      if (queued != null) {
        dequeue(queued);
        removed = queued;
      }
    }
    Running current = runningTasks.get(taskId);
    if (current != null) {
      current.cancelled = true;
      if (force) {
        synchronized (lock) {
          if (!current.abandoned) {
            current.abandoned = true;
            if (!current.blocked) {
              give(current.spec.demand);
            }
            start = admit();
          }
        }
      }
      current.thread.interrupt();
    }
    start(start);
    return removed;
  }

  /** The running task {@code taskId} was cancelled: its outcome is the cancellation. */
  boolean isCancelled(TaskId taskId) {
    Running current = runningTasks.get(taskId);
    return current != null && current.cancelled;
  }

  /** A running task blocks in get or wait: its resources go back to the node meanwhile. */
  void blocked(TaskSpec spec) {
    Running current = runningTasks.get(spec.taskId);
    List<TaskSpec> start;
    synchronized (lock) {
      if (current != null) {
        current.blocked = true;
      }
      if (current == null || !current.abandoned) {
        give(spec.demand);
      }
      start = admit();
    }
    start(start);
  }

  /** The task resumes: it takes its resources again (may briefly exceed the total, as in Ray). */
  void unblocked(TaskSpec spec) {
    Running current = runningTasks.get(spec.taskId);
    synchronized (lock) {
      if (current != null) {
        current.blocked = false;
      }
      if (current == null || !current.abandoned) {
        take(spec.demand);
      }
    }
  }

  /** Returns resources: a task finished or blocked. */
  void release(ResourceSet demand) {
    List<TaskSpec> start;
    synchronized (lock) {
      give(demand);
      start = admit();
    }
    start(start);
  }

  /** Takes resources back for a task that resumes after blocking; never waits. */
  void reacquire(ResourceSet demand) {
    synchronized (lock) {
      take(demand);
    }
  }

  /** Number of tasks running now (blocked ones included). */
  int running() {
    synchronized (lock) {
      return running;
    }
  }

  /** Number of tasks waiting for resources. */
  int queued() {
    synchronized (lock) {
      return queuedById.size();
    }
  }

  /** What is free now, per resource. */
  Map<String, Double> free() {
    synchronized (lock) {
      return Map.copyOf(free);
    }
  }

  Map<String, Double> totals() {
    return totals;
  }

  /** Stops the task threads, interrupting running tasks; waits a little for them. */
  void shutdown() {
    synchronized (lock) {
      queues.clear();
      queuedById.clear();
    }
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private List<TaskSpec> admit() {
    List<TaskSpec> start = null;
    for (Iterator<LinkedHashMap<TaskId, TaskSpec>> shapes = queues.values().iterator(); shapes.hasNext(); ) {
      LinkedHashMap<TaskId, TaskSpec> queue = shapes.next();
      for (Iterator<TaskSpec> tasks = queue.values().iterator(); tasks.hasNext(); ) {
        TaskSpec spec = tasks.next();
        if (!spec.demand.fitsIn(free)) {
          break;
        }
        tasks.remove();
        queuedById.remove(spec.taskId);
        take(spec.demand);
        running++;
        if (start == null) {
          start = new ArrayList<>(4);
        }
        start.add(spec);
      }
      if (queue.isEmpty()) {
        shapes.remove();
      }
    }
    return start;
  }

  private void dequeue(TaskSpec spec) {
    queuedById.remove(spec.taskId);
    LinkedHashMap<TaskId, TaskSpec> queue = queues.get(spec.demand);
    queue.remove(spec.taskId);
    if (queue.isEmpty()) {
      queues.remove(spec.demand);
    }
  }

  private void take(ResourceSet demand) {
    for (int i = 0; i < demand.names.length; i++) {
      free.merge(demand.names[i], -demand.amounts[i], Double::sum);
    }
  }

  private void start(List<TaskSpec> specs) {
    if (specs == null || specs.isEmpty()) {
      return;
    }
    for (TaskSpec spec : specs) {
      try {
        threads.execute(() -> run(spec));
      } catch (RejectedExecutionException e) {
        finished(spec);
        rejecter.accept(spec, "the node is shutting down");
      }
    }
  }

  /** Runs {@code first}, then, while admission yields more, the next one on the same thread. */
  private void run(TaskSpec first) {
    TaskSpec spec = first;
    while (spec != null) {
      List<TaskSpec> next = null;
      Running current = new Running(spec, Thread.currentThread());
      runningTasks.put(spec.taskId, current);
      try {
        runner.accept(spec, this);
      } finally {
        runningTasks.remove(spec.taskId, current);
        synchronized (lock) {
          running--;
          if (!current.abandoned) {
            give(spec.demand);
          }
          current.abandoned = true; // finished: a late cancel must not give its resources again
          next = admit();
        }
      }
      spec = next == null ? null : next.remove(0);
      start(next);
    }
  }

  private void finished(TaskSpec spec) {
    synchronized (lock) {
      running--;
    }
    release(spec.demand);
  }

  private void give(ResourceSet demand) {
    for (int i = 0; i < demand.names.length; i++) {
      free.merge(demand.names[i], demand.amounts[i], Double::sum);
    }
  }
}
