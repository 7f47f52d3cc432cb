package org.rayonignite.api.exception;

/** Thrown by {@code get} when every copy of the object is gone and it cannot be rebuilt. */
public class ObjectLostException extends RayException {
  private static final long serialVersionUID = 1L;

  /** An exception with this message. */
  public ObjectLostException(String message) {
    super(message);
  }

  /** An exception with this message and cause. */
  public ObjectLostException(String message, Throwable cause) {
    super(message, cause);
  }
}
