package org.rayonignite.api.exception;

/** Thrown by {@code get} when the task that makes the object was cancelled. */
public class TaskCancelledException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public TaskCancelledException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public TaskCancelledException(String message, Throwable cause) {
    super(message, cause);
  }
}
