package org.rayonignite.api.exception;

/** Thrown by {@code get} when its timeout passes before the object is ready. */
public class RayTimeoutException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public RayTimeoutException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public RayTimeoutException(String message, Throwable cause) {
    super(message, cause);
  }
}
