package org.rayonignite.objectstore;

/**
 * Stands in for an exception that could not be sent between nodes as itself (it was not
 * serializable): same class name, message and stack trace.
 */
public final class RemoteException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String originalClassName;

  /** An exception standing in for one of class {@code originalClassName}. */
  public RemoteException(String originalClassName, String message) {
    super(originalClassName + (message != null ? ": " + message : ""));
    this.originalClassName = originalClassName;
  }

  /** The class name of the exception this stands in for. */
  public String getOriginalClassName() {
    return originalClassName;
  }
}
