package org.rayonignite;

import java.util.zip.CRC32;

/** Byte patterns of any size that a test can check without a second copy: each byte is a function of its index. */
public final class Patterns {
  private Patterns() {}

  public static byte at(long index, int seed) {
    return (byte) ((index ^ (index >>> 11)) * 131 + seed);
  }

  /** A new array of the pattern. */
  public static byte[] bytes(int size, int seed) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = at(i, seed);
    }
    return bytes;
  }

  /** The CRC-32 of {@link #bytes}, computed a MiB at a time. */
  public static long crc(long size, int seed) {
    CRC32 crc = new CRC32();
    byte[] slice = new byte[1 << 20];
    for (long start = 0; start < size; start += slice.length) {
      int length = (int) Math.min(slice.length, size - start);
      for (int i = 0; i < length; i++) {
        slice[i] = at(start + i, seed);
      }
      crc.update(slice, 0, length);
    }
    return crc.getValue();
  }

  public static long crc(byte[] bytes) {
    CRC32 crc = new CRC32();
    crc.update(bytes);
    return crc.getValue();
  }
}
