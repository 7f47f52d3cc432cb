package org.rayonignite.runtime;

import org.rayonignite.api.ActorId;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.options.RuntimeEnv;

/**
 * A task as it is sent to the node that runs it: who owns it, what to call, with which
 * arguments, and what it needs. Immutable, except for the class loader the receiving node sets
 * from the message it came in (Ignite peer class loading).
 */
final class TaskSpec {
  /** What the spec asks a node to do. */
  enum Kind { TASK, ACTOR_CREATION, ACTOR_CALL }

  /** {@link #numReturns} of a streaming task: its elements become objects one by one. */
  static final int STREAMING = -1;

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
  final Kind kind;
  /** The actor created or called; null for a task. */
  final ActorId actorId;
  /** Actor calls: the call's number among the caller's calls to the actor. */
  final long sequence;
  /** Actor calls: the caller's lowest unfinished call number, where a fresh mailbox starts. */
  final long firstUnfinished;
  /** Actor creation: calls that may run at once. */
  final int maxConcurrency;
  /** Actor creation: the demand stays held for the actor's life (explicit resources). */
  final boolean holdsResources;
  /** Streaming tasks: elements produced and not consumed before the producer waits; 0 = unbounded. */
  int generatorBackpressure;
  /** The placement-group bundle whose resources the task uses, or null for the node's. */
  BundleKey bundle;
  /**
   * Tasks and actor creations: the effective runtime environment (the job's with the task's on
   * top), or null when it is empty, the common case, which costs nothing on the wire. Actor calls
   * carry none: they run in their actor's.
   */
  RuntimeEnv env;
  /** The class whose loader loads the function: set by the submitter, or on arrival. */
  transient Class<?> deployClass;
  /** The class loader of the env's jars on this node, set before the task runs; null without jars. */
  transient ClassLoader envLoader;
  /** When the task entered this node's queue (System.nanoTime). */
  transient long queuedAt;
  /** The thread that sent the task to this node's executor, if it was sent from this node. */
  transient Thread submittedBy;
  /** Run by a thread that waits for its result ({@link NodeExecutor#runAdmittedHere}), not a pooled one. */
  transient boolean runByWaitingCaller;

  TaskSpec(TaskId taskId, int jobId, String namespace, String name, FunctionDescriptor function,
      byte[] captured, TaskArg[] args, int numReturns, ResourceSet demand, int attempt) {
    this(taskId, jobId, namespace, name, function, captured, args, numReturns, demand, attempt,
        false, null, -1);
  }

  TaskSpec(TaskId taskId, int jobId, String namespace, String name, FunctionDescriptor function,
      byte[] captured, TaskArg[] args, int numReturns, ResourceSet demand, int attempt,
      boolean spillable, String affinityCache, int affinityPartition) {
    this(taskId, jobId, namespace, name, function, captured, args, numReturns, demand, attempt,
        spillable, affinityCache, affinityPartition, Kind.TASK, null, 0, 0, 1, false);
  }

  TaskSpec(TaskId taskId, int jobId, String namespace, String name, FunctionDescriptor function,
      byte[] captured, TaskArg[] args, int numReturns, ResourceSet demand, int attempt,
      boolean spillable, String affinityCache, int affinityPartition, Kind kind, ActorId actorId,
      long sequence, long firstUnfinished, int maxConcurrency, boolean holdsResources) {
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
    this.kind = kind;
    this.actorId = actorId;
    this.sequence = sequence;
    this.firstUnfinished = firstUnfinished;
    this.maxConcurrency = maxConcurrency;
    this.holdsResources = holdsResources;
  }

  /** The loader the task's function, arguments and results use: its env's jars', else the deploy class's. */
  ClassLoader classLoader() {
    if (envLoader != null) {
      return envLoader;
    }
    return deployLoader();
  }

  /** The loader the task would use without jars: its deploy class's, else the runtime's. */
  ClassLoader deployLoader() {
    ClassLoader loader = deployClass != null ? deployClass.getClassLoader() : null;
    return loader != null ? loader : TaskSpec.class.getClassLoader();
  }

  @Override
  public String toString() {
    return "Task{" + name + " " + taskId + (attempt > 0 ? " attempt " + attempt : "") + "}";
  }
}
