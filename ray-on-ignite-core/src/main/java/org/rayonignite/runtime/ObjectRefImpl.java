package org.rayonignite.runtime;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.ObjectRef;

/**
 * A ref bound to the node runtime that made or received it, and to that runtime's entry for the
 * object, so {@code get} needs no lookup. Sent to another node it travels as its id (plus where
 * the object is stored, when known) and is bound again there.
 */
final class ObjectRefImpl<T> implements ObjectRef<T>, Serializable {
  private static final long serialVersionUID = 1L;

  private final ObjectId id;
  private final transient NodeRuntime runtime;
  private final transient ObjectEntry entry;

  ObjectRefImpl(NodeRuntime runtime, ObjectEntry entry) {
    this.id = entry.id;
    this.runtime = runtime;
    this.entry = entry;
  }

  NodeRuntime runtime() {
    return runtime;
  }

  ObjectEntry entry() {
    return entry;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    return (T) runtime.objects().get(this, -1);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(long timeoutMs) {
    return (T) runtime.objects().get(this, timeoutMs);
  }

  @Override
  public ObjectId getId() {
    return id;
  }

  @Override
  @SuppressWarnings("unchecked")
  public CompletableFuture<T> toCompletableFuture() {
    CompletableFuture<T> result = new CompletableFuture<>();
    // Complete on the common pool: callbacks the caller attaches never run on runtime threads.
    runtime.objects().valueFuture(this).whenCompleteAsync((value, error) -> {
      if (error != null) {
        result.completeExceptionally(ObjectManager.unwrap(error));
      } else {
        result.complete((T) value);
      }
    }, ForkJoinPool.commonPool());
    return result;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ObjectRef && ((ObjectRef<?>) other).getId().equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "ObjectRef(" + id + ")";
  }

  /** Java serialization (a ref inside a Java-serialized value): travel as the id. */
  private Object writeReplace() throws ObjectStreamException {
    runtime.objects().escaped(entry);
    return new SerializedRef(id.getBytes());
  }

  private static final class SerializedRef implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] id;

    SerializedRef(byte[] id) {
      this.id = id;
    }

    private Object readResolve() throws ObjectStreamException {
      NodeRuntime runtime = NodeRuntime.current();
      if (runtime == null) {
        throw new java.io.InvalidObjectException("an ObjectRef can only be deserialized where Ray is initialized");
      }
      return runtime.objects().refFor(ObjectId.fromBytes(id), null);
    }
  }
}
