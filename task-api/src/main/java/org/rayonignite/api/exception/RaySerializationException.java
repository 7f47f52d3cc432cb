package org.rayonignite.api.exception;

/**
 * An argument, value or return value could not be serialized or deserialized. Thrown by
 * {@code remote()} and {@code put} for arguments and values, and by {@code get} when a task's
 * return value could not be. The message names the innermost class that failed.
 */
public class RaySerializationException extends RayException {
  private static final long serialVersionUID = 1L;

  private final String failedClassName;

  /** An exception naming the class that could not be serialized. */
  public RaySerializationException(String message, String failedClassName, Throwable cause) {
    super(message, cause);
    this.failedClassName = failedClassName;
  }

  /** An exception with this message. */
  public RaySerializationException(String message) {
    this(message, null, null);
  }

  /** The name of the innermost class that failed, or null if unknown. */
  public String getFailedClassName() {
    return failedClassName;
  }
}
