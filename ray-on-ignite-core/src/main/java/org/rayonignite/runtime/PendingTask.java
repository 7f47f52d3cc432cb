package org.rayonignite.runtime;

import java.util.UUID;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.TaskId;

/**
 * A task this node submitted and that has not finished: what is needed to (re)send it and to
 * complete its return objects. {@code attempt} and {@code node} change only on the thread that
 * schedules it, one step at a time (dependency resolution, dispatch, result, node loss).
 */
final class PendingTask {
  final TaskId taskId;
  final String name;
  final RayFunction function;
  final byte[] captured;
  /** Arguments; ref arguments are filled in when their objects are ready. */
  final TaskArg[] args;
  /** Entries of ref arguments by position, null where the argument is a value. */
  final ObjectEntry[] dependencies;
  final CallOptions options;
  final ObjectEntry[] returns;
  /** The job and namespace it belongs to: its submitter's (a nested task's are its driver's). */
  int jobId;
  String namespace;
  volatile int attempt;
  /** The node it was last sent to, or null while waiting. */
  volatile UUID node;
  /** A node handed it back this attempt: it is not handed back again, so it cannot bounce. */
  volatile boolean spilled;
  /** Cancelled: it is never sent again, and its failure is the cancellation. */
  volatile boolean cancelled;
  /** The task, running on this node, that submitted this one; null for a driver's task. */
  TaskId parent;
  /** Entries of the refs inside its argument values, kept while it may run (null if none). */
  ObjectEntry[] contained;
  /** A run of a finished task's lineage, to make its lost returns again; null for a first run. */
  Lineage lineage;
  /** Streaming tasks: where their elements arrive. */
  GeneratorState generator;
  /** The last result received (a failure that may be retried), for the task's record. */
  volatile TaskResult lastResult;
  /** What it is: a task, an actor's creation, or a call of an actor. */
  TaskSpec.Kind kind = TaskSpec.Kind.TASK;
  /** The actor created or called; null for a task. */
  ActorId actorId;
  /** Actor calls: the call's number among this process's calls to the actor. */
  long sequence;
  /** Actor calls: the caller's lowest unfinished call number when this one was sent. */
  long firstUnfinished;
  /** Actor calls: the actor's restart count when the call was last sent. */
  int generation;
  /** Actor creation: calls that may run at once, and whether the resources stay held. */
  int maxConcurrency = 1;
  boolean holdsResources;

  PendingTask(TaskId taskId, String name, RayFunction function, byte[] captured, TaskArg[] args,
      ObjectEntry[] dependencies, CallOptions options, ObjectEntry[] returns) {
    this.taskId = taskId;
    this.name = name;
    this.function = function;
    this.captured = captured;
    this.args = args;
    this.dependencies = dependencies;
    this.options = options;
    this.returns = returns;
  }

  TaskSpec spec(int jobId, String namespace, int affinityPartition) {
    return spec(jobId, namespace, affinityPartition, null);
  }

  TaskSpec spec(int jobId, String namespace, int affinityPartition, BundleKey bundle) {
    boolean spillable = !spilled && options.affinityCache == null && bundle == null
        && options.strategy == org.rayonignite.api.options.SchedulingStrategy.DEFAULT
        && (options.nodeAffinity == null || options.nodeAffinitySoft);
    TaskSpec spec = new TaskSpec(taskId, jobId, namespace, name, function.descriptor, captured, args,
        generator != null ? TaskSpec.STREAMING : returns.length, options.resources, attempt,
        spillable && kind == TaskSpec.Kind.TASK,
        affinityPartition >= 0 ? options.affinityCache : null, affinityPartition, kind, actorId,
        sequence, firstUnfinished, maxConcurrency, holdsResources);
    spec.deployClass = function.deployClass;
    spec.generatorBackpressure = options.generatorBackpressure;
    spec.bundle = bundle;
    if (kind != TaskSpec.Kind.ACTOR_CALL && !options.runtimeEnv.isEmpty()) {
      spec.env = options.runtimeEnv;
    }
    return spec;
  }

  boolean hasRetriesLeft() {
    return options.maxRetries < 0 || attempt < options.maxRetries;
  }

  @Override
  public String toString() {
    return "Task{" + name + " " + taskId + "}";
  }
}
