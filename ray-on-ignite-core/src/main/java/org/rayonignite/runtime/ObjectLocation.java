package org.rayonignite.runtime;

/** Where a ready object's bytes are: inline (carried in messages and held by its owner) or in the store. */
sealed interface ObjectLocation permits ObjectLocation.Inline, ObjectLocation.Stored {
  /** Serialized size in bytes. */
  int size();

  /** A small object whose bytes travel with messages. */
  record Inline(byte[] bytes) implements ObjectLocation {
    @Override
    public int size() {
      return bytes.length;
    }
  }

  /** An object in the store under {@code key}, on the node the key's partition maps to. */
  record Stored(long key, int size) implements ObjectLocation {}
}
