package org.rayonignite.api.exception;

/** Thrown by {@code get} when the node running the task left the cluster and the task's retries are used up. */
public class NodeDiedException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public NodeDiedException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public NodeDiedException(String message, Throwable cause) {
    super(message, cause);
  }
}
