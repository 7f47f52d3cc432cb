package org.rayonignite.api.exception;

/** Thrown by {@code get} when the actor is dead: killed, exited, its node left, or its restarts are used up. When its constructor threw, {@link #getCause()} is that exception. */
public class RayActorException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public RayActorException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public RayActorException(String message, Throwable cause) {
    super(message, cause);
  }
}
