package org.rayonignite.runtime;

import java.util.UUID;
import org.rayonignite.api.TaskId;

/**
 * What a finished task sends its owner: where each return object is, or the serialized failure.
 */
final class TaskResult {
  final TaskId taskId;
  final int attempt;
  final UUID executedOn;
  /** One per return object; null when the task failed. */
  final ObjectLocation[] returns;
  /** The serialized {@code RayException} the task failed with, or null. */
  final byte[] error;
  /** Class name of the exception the function threw (for retry-exceptions matching), or null. */
  final String errorClassName;

  TaskResult(TaskId taskId, int attempt, UUID executedOn, ObjectLocation[] returns, byte[] error,
      String errorClassName) {
    this.taskId = taskId;
    this.attempt = attempt;
    this.executedOn = executedOn;
    this.returns = returns;
    this.error = error;
    this.errorClassName = errorClassName;
  }

  boolean failed() {
    return error != null;
  }
}
