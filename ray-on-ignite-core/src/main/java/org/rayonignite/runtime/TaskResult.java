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
  /** Whether every stored input was on the node that ran the task. */
  boolean inputsLocal = true;
  /** Bytes of inputs the node fetched from other nodes for this task. */
  long bytesFetched;
  /**
   * Returns (by index) whose values hold refs that the node that ran the task keeps until the
   * owner tells it the return is gone; null if none.
   */
  int[] refsKept;
  /** Streaming tasks: how many elements were produced (sent before this result). */
  int itemCount;

  TaskResult(TaskId taskId, int attempt, UUID executedOn, ObjectLocation[] returns, byte[] error,
      String errorClassName) {
    this.taskId = taskId;
    this.attempt = attempt;
    this.executedOn = executedOn;
    this.returns = returns;
    this.error = error;
    this.errorClassName = errorClassName;
  }

  TaskResult withInputs(boolean allLocal, long fetchedBytes) {
    this.inputsLocal = allLocal;
    this.bytesFetched = fetchedBytes;
    return this;
  }

  TaskResult withItems(int count) {
    this.itemCount = count;
    return this;
  }

  boolean failed() {
    return error != null;
  }
}
