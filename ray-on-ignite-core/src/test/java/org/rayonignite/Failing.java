package org.rayonignite;

/** Tasks that fail. */
final class Failing {
  private Failing() {}

  static int fail(String message) {
    throw new IllegalStateException(message);
  }

  static int checked() throws java.io.IOException {
    throw new java.io.IOException("checked failure");
  }
}
