package org.rayonignite.runtime;

/**
 * The task a thread is running, set for the duration of the call. Lets API calls made inside a
 * task find the node runtime that runs it (several nodes may share a JVM), the job and task ids,
 * and the class loader of the task's function; lets blocking calls give back the task's CPU.
 */
final class TaskContext {
  private static final ThreadLocal<TaskContext> CURRENT = new ThreadLocal<>();

  final NodeRuntime runtime;
  final TaskSpec spec;
  /** The actor whose method runs, or null. */
  final HostedActor actor;
  /** The executor whose resources the task holds; null for actor calls, which hold none. */
  private final NodeExecutor executor;
  /** How deep this thread is inside blocking calls; the CPU is returned at the outermost. */
  private int blockedDepth;
  /** Tasks run inline on this thread below this one (see {@link NodeExecutor#runQueuedWithin}). */
  private final int inlineDepth;
  /** Ignite's "local instance" name of the thread before this task (restored after it). */
  private String previousIgniteName;

  TaskContext(NodeRuntime runtime, TaskSpec spec, NodeExecutor executor, HostedActor actor) {
    this.runtime = runtime;
    this.spec = spec;
    this.executor = executor;
    this.actor = actor;
    TaskContext outer = CURRENT.get();
    this.inlineDepth = outer == null ? 0 : outer.inlineDepth + 1;
  }

  /** How many tasks this thread runs inline above this one. */
  int inlineDepth() {
    return inlineDepth;
  }

  static TaskContext current() {
    return CURRENT.get();
  }

  /**
   * Makes {@code context} current, and its node Ignite's local instance for the thread (so task
   * code can call {@code Ignition.localIgnite()}); returns the context to restore afterwards.
   */
  static TaskContext enter(TaskContext context) {
    TaskContext previous = CURRENT.get();
    CURRENT.set(context);
    context.previousIgniteName = org.apache.ignite.internal.util.IgniteUtils.setCurrentIgniteName(
        context.runtime.ignite().name());
    return previous;
  }

  static void restore(TaskContext previous) {
    TaskContext current = CURRENT.get();
    if (current != null) {
      org.apache.ignite.internal.util.IgniteUtils.restoreOldIgniteName(current.previousIgniteName,
          current.runtime.ignite().name());
    }
    if (previous == null) {
      CURRENT.remove();
    } else {
      CURRENT.set(previous);
    }
  }

  /**
   * The task is about to block in {@code get} or {@code wait}: give its resources back so other
   * tasks (its children, typically) can run, as Ray does. Pair with {@link #unblocked()}.
   */
  void blocked() {
    if (blockedDepth++ == 0 && executor != null) {
      executor.blocked(spec);
      if (runtime.isEnvWorker()) {
        runtime.sendEnvBlocked(spec, true); // the node that sent it holds its resources
      }
    }
  }

  /** The task resumes: take its resources again (may briefly exceed the node's total, as in Ray). */
  void unblocked() {
    if (--blockedDepth == 0 && executor != null) {
      executor.unblocked(spec);
      if (runtime.isEnvWorker()) {
        runtime.sendEnvBlocked(spec, false);
      }
    }
  }
}
