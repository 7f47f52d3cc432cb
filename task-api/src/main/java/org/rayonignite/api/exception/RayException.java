package org.rayonignite.api.exception;

/** Base of every exception the Ray API throws. Unchecked. */
public class RayException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public RayException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public RayException(String message, Throwable cause) {
    super(message, cause);
  }
}
