package org.rayonignite.runtime;

/** A runtime environment cannot be set up on this node; the message says what to fix. */
final class RuntimeEnvException extends Exception {
  private static final long serialVersionUID = 1L;

  RuntimeEnvException(String message) {
    super(message);
  }

  RuntimeEnvException(String message, Throwable cause) {
    super(message, cause);
  }
}
