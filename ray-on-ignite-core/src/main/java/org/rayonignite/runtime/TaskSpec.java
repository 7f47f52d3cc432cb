package org.rayonignite.runtime;

import org.rayonignite.api.TaskId;

/**
 * A task as it is sent to the node that runs it: who owns it, what to call, with which
 * arguments, and what it needs. Immutable, except for the class loader the receiving node sets
 * from the message it came in (Ignite peer class loading).
 */
final class TaskSpec {
  final TaskId taskId;
  final int jobId;
  final String namespace;
  final String name;
  final FunctionDescriptor function;
  /** Serialized Object[] of values a lambda captured, or null. */
  final byte[] captured;
  final TaskArg[] args;
  final int numReturns;
  final ResourceSet demand;
  final int attempt;
  /** Whether the node may hand the task back to its owner to place elsewhere when it is busy. */
  final boolean spillable;
  /** The Ignite cache whose partition the task must run next to (setAffinity), or null. */
  final String affinityCache;
  /** That partition, kept from moving while the task runs; -1 without setAffinity. */
  final int affinityPartition;
  /** The class whose loader loads the function: set by the submitter, or on arrival. */
  transient Class<?> deployClass;
  /** When the task entered this node's queue (System.nanoTime). */
  transient long queuedAt;

  TaskSpec(TaskId taskId, int jobId, String namespace, String name, FunctionDescriptor function,
      byte[] captured, TaskArg[] args, int numReturns, ResourceSet demand, int attempt) {
    this(taskId, jobId, namespace, name, function, captured, args, numReturns, demand, attempt,
        false, null, -1);
  }

  TaskSpec(TaskId taskId, int jobId, String namespace, String name, FunctionDescriptor function,
      byte[] captured, TaskArg[] args, int numReturns, ResourceSet demand, int attempt,
      boolean spillable, String affinityCache, int affinityPartition) {
    this.taskId = taskId;
    this.jobId = jobId;
    this.namespace = namespace;
    this.name = name;
    this.function = function;
    this.captured = captured;
    this.args = args;
    this.numReturns = numReturns;
    this.demand = demand;
    this.attempt = attempt;
    this.spillable = spillable;
    this.affinityCache = affinityCache;
    this.affinityPartition = affinityPartition;
  }

  ClassLoader classLoader() {
    ClassLoader loader = deployClass != null ? deployClass.getClassLoader() : null;
    return loader != null ? loader : TaskSpec.class.getClassLoader();
  }

  @Override
  public String toString() {
    return "Task{" + name + " " + taskId + (attempt > 0 ? " attempt " + attempt : "") + "}";
  }
}
