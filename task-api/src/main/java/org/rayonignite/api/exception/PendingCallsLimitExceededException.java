package org.rayonignite.api.exception;

/** Thrown by {@code remote()} when an actor handle already has {@code maxPendingCalls} unfinished calls from this process. */
public class PendingCallsLimitExceededException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public PendingCallsLimitExceededException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public PendingCallsLimitExceededException(String message, Throwable cause) {
    super(message, cause);
  }
}
