package org.rayonignite.runtime;

import java.io.Serializable;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.TaskId;

/**
 * One run of a task, actor creation or actor call on the node that ran it: the executing node's
 * task event. Nodes keep the last ones in a ring ({@link NodeRuntime#TASK_HISTORY}), so a task stays
 * listable after the driver that submitted it is gone, as Ray's task events do in its GCS. One
 * small record per run; its fields point at what the task's spec holds already. (A plain class:
 * Ignite's binary marshaller cannot build records.)
 */
final class ExecutedTask implements Serializable {
  private static final long serialVersionUID = 1L;

  final TaskId taskId;
  final String name;
  final TaskSpec.Kind kind;
  /** The actor created or called; null for a task. */
  final ActorId actorId;
  /** 0 for the first run, one more for each retry. */
  final int attempt;
  final int jobId;
  final long startMicros;
  final long endMicros;
  /** Class of the exception it failed with; null if it finished. */
  final String errorClass;
  /** The thread that ran it, for the timeline's rows. */
  final long threadId;

  ExecutedTask(TaskSpec spec, long startMicros, long endMicros, String errorClass, long threadId) {
    this.taskId = spec.taskId;
    this.name = spec.name;
    this.kind = spec.kind;
    this.actorId = spec.actorId;
    this.attempt = spec.attempt;
    this.jobId = spec.jobId;
    this.startMicros = startMicros;
    this.endMicros = endMicros;
    this.errorClass = errorClass;
    this.threadId = threadId;
  }

  boolean failed() {
    return errorClass != null;
  }

  @Override
  public String toString() {
    return "Executed{" + name + " " + taskId + " attempt " + attempt + (failed() ? " failed: "
        + errorClass : "") + " " + (endMicros - startMicros) + " us}";
  }
}
