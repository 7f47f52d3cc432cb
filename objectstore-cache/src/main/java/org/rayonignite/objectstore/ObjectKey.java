package org.rayonignite.objectstore;

import java.nio.ByteBuffer;
import org.rayonignite.api.ObjectId;

/**
 * The object store's cache key: an object's id plus the affinity value that places it in a
 * partition owned by the node that produced it. Where an object lives is therefore computed from
 * its key ({@code affinity().mapPartitionToNode(partition)}), never looked up.
 */
public final class ObjectKey {
  /** The field Ignite reads the affinity key from (see {@link ObjectStore#cacheConfiguration}). */
  static final String AFFINITY_FIELD = "affinity";

  private final long ownerHigh;
  private final long ownerLow;
  private final long sequence;
  private final int index;
  private final int affinity;

  ObjectKey(ObjectId id, int affinity) {
    ByteBuffer bytes = ByteBuffer.wrap(id.getBytes());
    this.ownerHigh = bytes.getLong();
    this.ownerLow = bytes.getLong();
    this.sequence = bytes.getLong();
    this.index = bytes.getInt();
    this.affinity = affinity;
  }

  /** The key of object {@code id} stored under affinity value {@code affinity}. */
  public static ObjectKey of(ObjectId id, int affinity) {
    return new ObjectKey(id, affinity);
  }

  /** The object's id. */
  public ObjectId objectId() {
    return ObjectId.fromBytes(ByteBuffer.allocate(ObjectId.LENGTH).putLong(ownerHigh)
        .putLong(ownerLow).putLong(sequence).putInt(index).array());
  }

  /** The affinity value: maps to the partition the object lives in. */
  public int affinity() {
    return affinity;
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ObjectKey)) {
      return false;
    }
    ObjectKey that = (ObjectKey) other;
    return ownerHigh == that.ownerHigh && ownerLow == that.ownerLow && sequence == that.sequence
        && index == that.index && affinity == that.affinity;
  }

  @Override
  public int hashCode() {
    long h = ownerHigh * 31 + ownerLow;
    h = h * 31 + sequence;
    return (int) (h ^ (h >>> 32)) * 31 + index;
  }

  @Override
  public String toString() {
    return "ObjectKey{" + objectId() + "@" + affinity + "}";
  }
}
