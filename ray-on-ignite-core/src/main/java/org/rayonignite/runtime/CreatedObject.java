package org.rayonignite.runtime;

import java.io.Serializable;
import org.rayonignite.api.ObjectId;

/**
 * An object this node created as its owner (a put, a task's return, a stream's element), as
 * {@code ray-ignite list objects} shows it: its id, size and where its bytes are. Kept in a ring
 * of the last ones ({@link ObjectManager#OBJECT_HISTORY}); one small record per object, never
 * the bytes. (A plain class: Ignite's binary marshaller cannot build records.)
 */
final class CreatedObject implements Serializable {
  private static final long serialVersionUID = 1L;
  /** {@link #storeKey} of an object whose bytes travel inline and stay with its owner. */
  static final long INLINE = -1;

  final ObjectId objectId;
  final int size;
  /** The object store key, or {@link #INLINE}. */
  final long storeKey;
  /** The task that returned it, or null for a put. */
  final String createdBy;

  CreatedObject(ObjectId objectId, int size, long storeKey, String createdBy) {
    this.objectId = objectId;
    this.size = size;
    this.storeKey = storeKey;
    this.createdBy = createdBy;
  }

  boolean inline() {
    return storeKey == INLINE;
  }
}
