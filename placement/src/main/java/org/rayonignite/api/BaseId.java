package org.rayonignite.api;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Base of the fixed-length binary ids ({@link ObjectId}, {@link TaskId}, {@link NodeId}, ...).
 *
 * <p>An id is a value: two ids of the same class with the same bytes are equal. {@link #toString()}
 * is the lower-case hex of the bytes, and each subclass has a {@code fromHex(String)} that reverses it.
 */
public abstract class BaseId implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final HexFormat HEX = HexFormat.of();

  private final byte[] bytes;
  private transient int hash;

  protected BaseId(byte[] bytes, int expectedLength) {
    if (bytes == null) {
      throw new NullPointerException("id bytes");
    }
    if (bytes.length != expectedLength) {
      throw new IllegalArgumentException(getClass().getSimpleName() + " needs " + expectedLength
          + " bytes, got " + bytes.length);
    }
    this.bytes = bytes;
  }

  /** Parses hex for a subclass's {@code fromHex}; names the id type and the bad value on error. */
  protected static byte[] parseHex(String hex, int expectedLength, String idType) {
    if (hex == null) {
      throw new NullPointerException(idType + " hex");
    }
    if (hex.length() != expectedLength * 2) {
      throw new IllegalArgumentException(idType + " hex must have " + expectedLength * 2
          + " characters, got " + hex.length() + ": \"" + hex + "\"");
    }
    try {
      return HEX.parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a hex " + idType + ": \"" + hex + "\"", e);
    }
  }

  /** A copy of the id's bytes. */
  public byte[] getBytes() {
    return bytes.clone();
  }

  /** The id's bytes without a copy, for subclasses that decode their fields. */
  protected final byte[] bytes() {
    return bytes;
  }

  @Override
  public final boolean equals(Object other) {
    if (this == other) {
      return true;
    }
    return other != null && other.getClass() == getClass()
        && Arrays.equals(bytes, ((BaseId) other).bytes);
  }

  /**
   * A well-mixed hash of all the bytes. Ids made one after another differ only in a few bytes (a
   * sequence number); a polynomial hash such as {@code Arrays.hashCode} maps a million of them
   * to about twenty thousand values, which turns hash tables of ids into slow tree bins.
   */
  @Override
  public final int hashCode() {
    int h = hash;
    if (h == 0) {
      long mixed = 0x9E3779B97F4A7C15L;
      for (int i = 0; i < bytes.length; i += 8) {
        long word = 0;
        for (int j = i; j < Math.min(i + 8, bytes.length); j++) {
          word = (word << 8) | (bytes[j] & 0xFF);
        }
        mixed = mix(mixed ^ word) * 0x9E3779B97F4A7C15L;
      }
      h = (int) (mixed ^ (mixed >>> 32));
      if (h == 0) {
        h = 1; // 0 means "not computed yet"
      }
      hash = h;
    }
    return h;
  }

  /** MurmurHash3's 64-bit finalizer. */
  private static long mix(long value) {
    long h = value;
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB93FE53A85FBL;
    h ^= h >>> 33;
    return h;
  }

  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }
}
