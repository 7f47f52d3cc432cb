package org.rayonignite.bench;

import java.util.Random;

/** The byte arrays the object benchmarks store: filled with fixed pseudo-random bytes, never zeros. */
final class Values {
  private Values() {}

  static byte[] bytes(int length) {
    byte[] bytes = new byte[length];
    new Random(length).nextBytes(bytes);
    return bytes;
  }

  /** Throws unless {@code value} is an array of {@code length} bytes: a guard against measuring failures. */
  static void check(byte[] value, int length) {
    if (value == null || value.length != length) {
      throw new IllegalStateException("read " + (value == null ? "null" : value.length + " bytes")
          + ", expected " + length + " bytes");
    }
  }
}
