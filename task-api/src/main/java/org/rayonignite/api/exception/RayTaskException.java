package org.rayonignite.api.exception;

/** Thrown by {@code get} when the task or actor method threw: {@link #getCause()} is the original exception (class, message and stack trace kept); the message names the function and the node it ran on. A task whose input failed throws that input's failure. */
public class RayTaskException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public RayTaskException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public RayTaskException(String message, Throwable cause) {
    super(message, cause);
  }
}
