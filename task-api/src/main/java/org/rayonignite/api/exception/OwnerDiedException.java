package org.rayonignite.api.exception;

/** Thrown by {@code get} when the process that owned the object (it called {@code put} or submitted the task) left the cluster. */
public class OwnerDiedException extends ObjectLostException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public OwnerDiedException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public OwnerDiedException(String message, Throwable cause) {
    super(message, cause);
  }
}
