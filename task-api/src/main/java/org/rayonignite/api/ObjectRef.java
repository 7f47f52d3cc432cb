package org.rayonignite.api;

import java.util.concurrent.CompletableFuture;

/**
 * A reference to an object in the cluster's object store: the future result of a task, or a
 * value stored by {@code Ray.put}.
 *
 * <p>Refs can be passed to other tasks as arguments (they are resolved to their values before
 * the task runs), stored inside other objects, and sent to other nodes.
 *
 * <pre>{@code
 * ObjectRef<Integer> ref = Ray.task(MyApp::slowSquare, 4).remote();
 * int value = ref.get();                // blocks until the task finishes
 * }</pre>
 *
 * @param <T> the type of the object
 */
public interface ObjectRef<T> {
  /**
   * Waits for the object and returns it.
   *
   * @throws org.rayonignite.api.exception.RayTaskException if the task that makes it failed
   * @throws org.rayonignite.api.exception.RayException for other failures (cancelled, lost, ...)
   */
  T get();

  /**
   * Waits at most {@code timeoutMs} milliseconds for the object and returns it; a negative
   * timeout waits forever.
   *
   * @throws org.rayonignite.api.exception.RayTimeoutException if the timeout passes first
   */
  T get(long timeoutMs);

  /** The object's id. */
  ObjectId getId();

  /**
   * A future completed with the object, or exceptionally with the {@code RayException} that
   * {@link #get()} would throw. It is the future {@link #get()} waits on; completing or
   * cancelling it from outside has no effect on the object.
   */
  CompletableFuture<T> toCompletableFuture();
}
