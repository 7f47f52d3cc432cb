package org.rayonignite.runtime;

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
  /** The bytes of a small object this node put: its gets read them here, not from the store. */
  volatile byte[] ownerCopy;

  ObjectEntry(ObjectId id, boolean owned) {
    this.id = id;
    this.owned = owned;
  }

  boolean isReady() {
    return location.isDone();
  }

  @Override
  public String toString() {
    return "ObjectEntry{" + id + (owned ? " owned" : " borrowed") + (isReady() ? " ready" : "") + "}";
  }
}
