package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
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
 *
 * <p>A placement group's bundle reserved here is a pool of its own, taken out of the node's: its
 * tasks are admitted against the bundle's free amounts, the node's other tasks never touch them.
 *
 * <p>A task that arrives in a message and is admitted at once may run on the thread that received
 * the message ({@link #submitHere}), within {@link CallerThreadSlots}.
 */
final class NodeExecutor {
  private final Map<String, Double> totals;
  private final Runner runner;

  /** Runs one task on the calling thread. */
  interface Runner {
    /**
     * Runs {@code spec}; returns what to do once its resources are given back (send its result),
     * or null. Sending the result last lets the thread be free, and the resources too, by the
     * time the owner submits its next task (a one-at-a-time caller then finds the thread that
     * ran its last task waiting, instead of waking another).
     */
    Runnable run(TaskSpec spec, NodeExecutor executor);
  }
  private final BiConsumer<TaskSpec, String> rejecter;
  private final ExecutorService threads;
  private final CallerThreadSlots callerSlots;
  private final Object lock = new Object();
  /** Free amount per resource name; guarded by lock. */
  private final Map<String, Double> free;
  /** Tasks not started yet: per resource shape and pool, in arrival order, by id; guarded by lock. */
  private final Map<QueueKey, LinkedHashMap<TaskId, TaskSpec>> queues = new LinkedHashMap<>();
  /** Bundles reserved here: what each holds, and what of it is free; guarded by lock. */
  private final Map<BundleKey, Map<String, Double>> bundleTotals = new HashMap<>();
  private final Map<BundleKey, Map<String, Double>> bundleFree = new HashMap<>();

  /** Tasks of one shape drawing on one pool (the node's, or a bundle's) queue together. */
  private record QueueKey(ResourceSet demand, BundleKey bundle) {}
  /** All queued tasks by id, for {@link #runQueuedWithin}; guarded by lock. */
  private final Map<TaskId, TaskSpec> queuedById = new HashMap<>();
  /**
   * Admits every task at once, whatever it needs: the executor of a runtime env's worker JVM,
   * whose tasks hold their resources on the node that sent them.
   */
  private volatile boolean admitsEverything;
  /** Tasks started and not finished; guarded by lock. */
  private int running;
  /** The tasks running now and their threads, for cancellation. */
  private final java.util.concurrent.ConcurrentHashMap<TaskId, Running> runningTasks =
      new java.util.concurrent.ConcurrentHashMap<>();

  /** A task running on a thread; a cancel interrupts the thread. */
  static final class Running {
    final TaskSpec spec;
    /** Null from admission until a thread picks the task up, and again once it finished; guarded by this. */
    private Thread thread;
    /** A thread took the task up to run it (see {@link #claim}); guarded by this. */
    private boolean claimed;
    /** A cancel interrupted the thread that runs the task; guarded by this. */
    private boolean interruptedByCancel;
    volatile boolean cancelled;
    /** Forcibly cancelled: its resources were given back already and its result is dropped. */
    boolean abandoned;
    /** Blocked in get or wait, its resources given back meanwhile; guarded by lock. */
    boolean blocked;
    /** Runs inside its caller's resources (runQueuedWithin): a force cancel frees none. */
    boolean inline;
    /** A task runs inline on this task's thread: an interrupt for this one waits until it returns. */
    private boolean lent;
    private boolean interruptPending;

    Running(TaskSpec spec, Thread thread) {
      this.spec = spec;
      this.thread = thread;
      this.claimed = thread != null;
    }

    /**
     * Takes the task up to run on the calling thread (a cancel interrupts it from now on); false
     * if another thread took it first: its pooled thread and a caller waiting for it
     * ({@link #runAdmittedHere}) race for an admitted task.
     */
    synchronized boolean claim() {
      if (claimed) {
        return false;
      }
      claimed = true;
      thread = Thread.currentThread();
      return true;
    }

    /**
     * The task ended on the calling thread: no interrupt reaches the thread after this, and one
     * that came with the task's end is cleared, so the thread goes on to other work clean.
     */
    synchronized void detach() {
      thread = null;
      Thread.interrupted();
    }

    /** An inline task ended on its caller's thread: a late cancel must not interrupt the caller. */
    synchronized void forget() {
      thread = null;
    }

    /**
     * The task ended on a thread that waited for it: as {@link #forget}, and the interrupt of a
     * cancel is cleared, while one from the thread's own code stays set for it.
     */
    synchronized void giveBack() {
      thread = null;
      if (interruptedByCancel) {
        Thread.interrupted();
      }
    }

    synchronized void interrupt() {
      if (lent) {
        interruptPending = true; // the inline task's own cleanup must not see this task's cancel
      } else if (thread != null) {
        interruptedByCancel = true;
        thread.interrupt();
      }
    }

    /** Another task runs inline on this task's thread from now on. */
    synchronized void lend() {
      lent = true;
    }

    /** The inline task returned: a cancel of this task that came meanwhile interrupts now. */
    synchronized void takeBack() {
      lent = false;
      if (interruptPending) {
        interruptPending = false;
        if (thread != null) {
          interruptedByCancel = true;
          thread.interrupt();
        }
      }
    }
  }

  /**
   * @param runner runs one task on the calling (pooled) thread
   * @param rejecter fails a task this node can never run, with the reason
   * @param callerSlots bounds the tasks that run on threads that called {@link #submitHere}
   */
  NodeExecutor(String name, Map<String, Double> totals, Runner runner,
      BiConsumer<TaskSpec, String> rejecter, CallerThreadSlots callerSlots) {
    this.callerSlots = callerSlots;
    this.totals = Map.copyOf(totals);
    this.free = new HashMap<>(totals);
    this.runner = runner;
    this.rejecter = rejecter;
    this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), new DaemonThreads("ray-task-" + name));
  }

  void submit(TaskSpec spec) {
    start(queue(spec));
  }

  /** From now on every task is admitted at once (see {@link #admitsEverything}). */
  void admitEverything() {
    admitsEverything = true;
  }

  /**
   * As {@link #submit}, but if the task is admitted at once and a caller-thread slot is free,
   * runs it on the calling thread before returning.
   */
  void submitHere(TaskSpec spec) {
    List<TaskSpec> start = queue(spec);
    if (start == null || !start.contains(spec) || !callerSlots.tryTake()) {
      start(start);
      return;
    }
    start.remove(spec);
    start(start);
    try {
      start(runOnce(spec));
    } finally {
      callerSlots.release();
    }
  }

  /** Queues {@code spec} (or fails it if it can never run here); returns the tasks admitted now. */
  private List<TaskSpec> queue(TaskSpec spec) {
    Map<String, Double> capacity;
    synchronized (lock) {
      capacity = spec.bundle == null ? totals : bundleTotals.get(spec.bundle);
    }
    if (admitsEverything) {
      capacity = null;
    } else if (capacity == null) {
      rejecter.accept(spec, "bundle " + spec.bundle + " of its placement group is not reserved on this node");
      return null;
    }
    if (capacity != null && !spec.demand.fitsIn(capacity)) {
      rejecter.accept(spec, "it needs " + spec.demand + " but " + (spec.bundle == null
          ? "this node has only " : "its bundle " + spec.bundle + " has only ") + capacity);
      return null;
    }
    spec.queuedAt = System.nanoTime();
    synchronized (lock) {
      queues.computeIfAbsent(new QueueKey(spec.demand, spec.bundle), key -> new LinkedHashMap<>())
          .put(spec.taskId, spec);
      queuedById.put(spec.taskId, spec);
      return admit();
    }
  }

  /** Adds the tasks queued here that {@code owner} submitted to {@code into}. */
  void queuedOwnedBy(UUID owner, java.util.Collection<TaskId> into) {
    synchronized (lock) {
      for (TaskId taskId : queuedById.keySet()) {
        if (owner.equals(taskId.getOwnerUuid())) {
          into.add(taskId);
        }
      }
    }
  }

  /** Adds the tasks running here that {@code owner} submitted (any owner's if null) to {@code into}. */
  void runningOwnedBy(UUID owner, java.util.Collection<TaskId> into) {
    for (TaskId taskId : runningTasks.keySet()) {
      if (owner == null || owner.equals(taskId.getOwnerUuid())) {
        into.add(taskId);
      }
    }
  }

  /**
   * Runs the queued task {@code taskId} on the calling thread, inside the resources that
   * {@code caller}, the task running here that waits for it, holds ({@code reserved}), if it
   * needs no more than those: a task about to block on its child's result runs the child
   * itself, as a fork-join pool's join does, so recursion costs neither a thread nor a trip
   * through the queue per level. Returns whether it ran.
   */
  boolean runQueuedWithin(TaskId taskId, TaskId caller, ResourceSet reserved) {
    TaskSpec spec;
    synchronized (lock) {
      spec = queuedById.get(taskId);
      if (spec == null || !spec.demand.fitsWithin(reserved)) {
        return false;
      }
      dequeue(spec);
      running++;
    }
    Running current = new Running(spec, Thread.currentThread());
    current.inline = true;
    Running host = runningTasks.get(caller);
    if (host != null) {
      host.lend();
    }
    runningTasks.put(spec.taskId, current);
    Runnable then;
    try {
      then = runner.run(spec, this);
    } finally {
      runningTasks.remove(spec.taskId, current);
      current.forget();
      synchronized (lock) {
        running--;
      }
      if (host != null) {
        host.takeBack();
      }
    }
    if (then != null) {
      then.run();
    }
    return true;
  }

  /**
   * Runs on the calling thread the task {@code taskId} if this thread sent it here, it was
   * admitted, and no thread has taken it up yet: a thread outside any task (a driver) about to
   * wait for a task it just sent to its own node runs it itself, with the resources its
   * admission took, which spares the two thread hand-offs of the round trip (the pooled thread
   * woken for it finds it taken). Only its sender, so that other threads waiting for it (and a
   * forced cancel, which lets go of waiters at once) never find themselves running it. Returns
   * whether it ran.
   */
  boolean runAdmittedHere(TaskId taskId) {
    Running current = runningTasks.get(taskId);
    if (current == null || current.inline || current.spec.submittedBy != Thread.currentThread()
        || !current.claim()) {
      return false;
    }
    current.spec.runByWaitingCaller = true; // the thread's interrupt status is its own: see giveBack
    start(runClaimed(current));
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
          if (!current.abandoned && !current.inline) {
            current.abandoned = true;
            if (!current.blocked) {
              give(current.spec);
            }
            start = admit();
          }
        }
      }
      interrupt(current);
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
        give(spec);
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
        take(spec);
      }
    }
  }

  /**
   * Reserves a bundle here: takes its resources out of the node's free pool into a pool of its
   * own. False if they are not free now (the placement group is placed elsewhere, or later).
   */
  boolean reserveBundle(BundleKey key, Map<String, Double> resources) {
    synchronized (lock) {
      if (bundleTotals.containsKey(key)) {
        return true;
      }
      ResourceSet demand = ResourceSet.of(resources);
      if (!demand.fitsIn(free)) {
        return false;
      }
      take(free, demand);
      bundleTotals.put(key, Map.copyOf(demand.toMap()));
      bundleFree.put(key, new HashMap<>(demand.toMap()));
      return true;
    }
  }

  /**
   * Gives a bundle's resources back to the node; its queued tasks are taken out (returned, so
   * their owners are told) and its running ones interrupted.
   */
  List<TaskSpec> releaseBundle(BundleKey key) {
    List<TaskSpec> dropped = new ArrayList<>();
    List<TaskSpec> start;
    synchronized (lock) {
      Map<String, Double> reserved = bundleTotals.remove(key);
      bundleFree.remove(key);
      for (Iterator<Map.Entry<QueueKey, LinkedHashMap<TaskId, TaskSpec>>> it = queues.entrySet().iterator(); it.hasNext(); ) {
        Map.Entry<QueueKey, LinkedHashMap<TaskId, TaskSpec>> queue = it.next();
        if (key.equals(queue.getKey().bundle())) {
          dropped.addAll(queue.getValue().values());
          queue.getValue().keySet().forEach(queuedById::remove);
          it.remove();
        }
      }
      if (reserved != null) {
        give(free, ResourceSet.of(reserved));
      }
      start = admit();
    }
    for (Running current : runningTasks.values()) {
      if (key.equals(current.spec.bundle)) {
        current.cancelled = true;
        interrupt(current);
      }
    }
    start(start);
    return dropped;
  }

  /** The bundles reserved here. */
  java.util.Set<BundleKey> bundles() {
    synchronized (lock) {
      return java.util.Set.copyOf(bundleTotals.keySet());
    }
  }

  /** Holds an actor's explicit resources for its life, from its bundle's pool or the node's. */
  void hold(TaskSpec creation) {
    synchronized (lock) {
      take(creation);
    }
  }

  /** Gives an actor's held resources back at its end. */
  void unhold(TaskSpec creation) {
    List<TaskSpec> start;
    synchronized (lock) {
      give(creation);
      start = admit();
    }
    start(start);
  }

  /** Returns resources to the node's pool (an actor's, at its end). */
  void release(ResourceSet demand) {
    List<TaskSpec> start;
    synchronized (lock) {
      give(free, demand);
      start = admit();
    }
    start(start);
  }

  /** Takes resources from the node's pool for an actor's life; never waits. */
  void reacquire(ResourceSet demand) {
    synchronized (lock) {
      take(free, demand);
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

  /** The tasks waiting here for resources, by shape. */
  java.util.Collection<Demand> queuedDemands() {
    Map<String, Demand> byShape = new LinkedHashMap<>();
    synchronized (lock) {
      for (Map.Entry<QueueKey, LinkedHashMap<TaskId, TaskSpec>> queue : queues.entrySet()) {
        BundleKey bundle = queue.getKey().bundle();
        Demand demand = new Demand(Demand.Kind.QUEUED, queue.getKey().demand().toMap(),
            bundle == null ? null : "in bundle " + bundle);
        byShape.computeIfAbsent(demand.key(), key -> demand).count += queue.getValue().size();
      }
    }
    return byShape.values();
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
        Map<String, Double> pool = poolOf(spec);
        if (!admitsEverything && (pool == null || !spec.demand.fitsIn(pool))) {
          break;
        }
        tasks.remove();
        queuedById.remove(spec.taskId);
        if (pool != null) {
          take(pool, spec.demand);
        }
        running++;
        if (start == null) {
          start = new ArrayList<>(4);
        }
        start.add(spec);
        // Known as running from admission on, so a cancel before its thread starts is not lost.
        runningTasks.put(spec.taskId, new Running(spec, null));
      }
      if (queue.isEmpty()) {
        shapes.remove();
      }
    }
    return start;
  }

  private void dequeue(TaskSpec spec) {
    queuedById.remove(spec.taskId);
    QueueKey key = new QueueKey(spec.demand, spec.bundle);
    LinkedHashMap<TaskId, TaskSpec> queue = queues.get(key);
    queue.remove(spec.taskId);
    if (queue.isEmpty()) {
      queues.remove(key);
    }
  }

  /** The pool a task draws on: its bundle's, or the node's; null if its bundle is gone. */
  private Map<String, Double> poolOf(TaskSpec spec) {
    return spec.bundle == null ? free : bundleFree.get(spec.bundle);
  }

  private void take(TaskSpec spec) {
    Map<String, Double> pool = poolOf(spec);
    if (pool != null) {
      take(pool, spec.demand);
    }
  }

  private void give(TaskSpec spec) {
    Map<String, Double> pool = poolOf(spec);
    if (pool != null) {
      give(pool, spec.demand);
    }
  }

  private static void take(Map<String, Double> pool, ResourceSet demand) {
    for (int i = 0; i < demand.names.length; i++) {
      pool.merge(demand.names[i], -demand.amounts[i], Double::sum);
    }
  }

  private static void give(Map<String, Double> pool, ResourceSet demand) {
    for (int i = 0; i < demand.names.length; i++) {
      pool.merge(demand.names[i], demand.amounts[i], Double::sum);
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

  /** Runs {@code first}, then, while admission yields more, the next one on the same (pool) thread. */
  private void run(TaskSpec first) {
    TaskSpec spec = first;
    while (spec != null) {
      List<TaskSpec> next = runOnce(spec);
      spec = next == null ? null : next.remove(0);
      start(next);
    }
  }

  /**
   * Runs an admitted task on this thread, gives its resources back, then does what the runner
   * left to do after that (sends the result); returns the tasks its end admitted, to be started.
   */
  private List<TaskSpec> runOnce(TaskSpec spec) {
    Running current = runningTasks.get(spec.taskId);
    // A cancel from now on interrupts; before, the runner sees it. Not ours to run if a caller
    // waiting for it took it (runAdmittedHere), maybe ran it, and its id was admitted again.
    if (current == null || current.spec != spec || !current.claim()) {
      return null;
    }
    return runClaimed(current);
  }

  /** Runs a task this thread claimed; see {@link #runOnce}. */
  private List<TaskSpec> runClaimed(Running current) {
    TaskSpec spec = current.spec;
    Runnable then = null;
    List<TaskSpec> next;
    try {
      then = runner.run(spec, this);
    } finally {
      runningTasks.remove(spec.taskId, current);
      if (spec.runByWaitingCaller) {
        current.giveBack();
      } else {
        current.detach(); // a cancel's interrupt ends with its task
      }
      synchronized (lock) {
        running--;
        if (!current.abandoned) {
          give(spec);
        }
        current.abandoned = true; // finished: a late cancel must not give its resources again
        next = admit();
      }
    }
    if (then != null) {
      then.run();
    }
    return next;
  }

  private static void interrupt(Running current) {
    current.interrupt();
  }

  private void finished(TaskSpec spec) {
    List<TaskSpec> start;
    synchronized (lock) {
      running--;
      give(spec);
      start = admit();
    }
    start(start);
  }
}
