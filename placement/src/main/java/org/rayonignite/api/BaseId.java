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

  @Override
  public final int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(bytes);
      hash = h;
    }
    return h;
  }

  @Override
  public String toString() {
    return HEX.formatHex(bytes);
  }
}
