package org.rayonignite.runtime;

/**
 * Where a ready object's bytes are: inline (carried in messages and held by its owner) or in the
 * store. With {@link #rawBytes()} the object is a {@code byte[]} kept as it is, not serialized:
 * reading it needs no decoding copy, which for large arrays is most of what a read costs.
 */
sealed interface ObjectLocation permits ObjectLocation.Inline, ObjectLocation.Stored {
  /** Stored size in bytes. */
  int size();

  /** The bytes are the value itself (a {@code byte[]}), not its serialized form. */
  boolean rawBytes();

  /** A small object whose bytes travel with messages. */
  record Inline(byte[] bytes, boolean rawBytes) implements ObjectLocation {
    @Override
    public int size() {
      return bytes.length;
    }
  }

  /** An object in the store under {@code key}, on the node the key's partition maps to. */
  record Stored(long key, int size, boolean rawBytes) implements ObjectLocation {}
}
