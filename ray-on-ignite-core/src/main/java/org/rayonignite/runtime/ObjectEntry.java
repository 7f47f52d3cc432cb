package org.rayonignite.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.rayonignite.api.ObjectId;

/**
 * What this node knows of one object. {@link #location} completes when the object is ready, or
 * exceptionally with the {@code RayException} that {@code get} must throw. Owned entries are
 * completed by task results and puts; borrowed ones by the owner's reply to a request, sent once.
 */
final class ObjectEntry {
  final ObjectId id;
  final boolean owned;
  /**
   * Completes when the object is ready. An owned object lost with its node gets a new one while
   * the task that made it runs again ({@link Lineage}); readers take the current one.
   */
  volatile CompletableFuture<ObjectLocation> location = new CompletableFuture<>();
  /** Owned stored task returns: the task that made them, to make them again if lost; else null. */
  volatile Lineage producer;
  /** Borrowed entries: whether the owner was asked for the object's location. */
  final AtomicBoolean ownerAsked = new AtomicBoolean();
  /** Deserialized value for {@code toCompletableFuture}; made on first use. */
  volatile CompletableFuture<Object> value;
  /** A put object's value holds refs: their entries, kept while this one lives (null if none). */
  volatile ObjectEntry[] contained;
  /** Owned entries: how many borrows each other node holds; null while none; guarded by this. */
  private Map<UUID, Integer> borrowers;
  /** The bytes of a small object this node put: its gets read them here, not from the store. */
  volatile byte[] ownerCopy;

  ObjectEntry(ObjectId id, boolean owned) {
    this.id = id;
    this.owned = owned;
  }

  /** Adds {@code delta} to {@code node}'s borrows; returns whether any node still borrows it. */
  synchronized boolean borrow(UUID node, int delta) {
    if (borrowers == null) {
      borrowers = new HashMap<>(2);
    }
    int count = borrowers.getOrDefault(node, 0) + delta;
    if (count == 0) {
      borrowers.remove(node);
    } else {
      borrowers.put(node, count); // may go below 0 for a moment: a RELEASE overtook its BORROW
    }
    return hasBorrowers();
  }

  /** {@code node} left: its borrows end; returns whether any node still borrows it. */
  synchronized boolean forgetBorrower(UUID node) {
    if (borrowers != null) {
      borrowers.remove(node);
    }
    return hasBorrowers();
  }

  private boolean hasBorrowers() {
    if (borrowers != null) {
      for (int count : borrowers.values()) {
        if (count > 0) {
          return true;
        }
      }
    }
    return false;
  }

  boolean isReady() {
    return location.isDone();
  }

  @Override
  public String toString() {
    return "ObjectEntry{" + id + (owned ? " owned" : " borrowed") + (isReady() ? " ready" : "") + "}";
  }
}
