package org.rayonignite.api;

import java.util.List;

/**
 * What {@code Ray.wait} found: the refs that are ready and those that are not, each list in the
 * order the refs were given.
 *
 * @param <T> the type of the objects
 */
public final class WaitResult<T> {
  private final List<ObjectRef<T>> ready;
  private final List<ObjectRef<T>> unready;

  /** A result with these lists (not copied). */
  public WaitResult(List<ObjectRef<T>> ready, List<ObjectRef<T>> unready) {
    this.ready = ready;
    this.unready = unready;
  }

  /** The refs whose objects are ready (values or failures), in input order. */
  public List<ObjectRef<T>> getReady() {
    return ready;
  }

  /** The refs whose objects are not ready yet, in input order. */
  public List<ObjectRef<T>> getUnready() {
    return unready;
  }

  @Override
  public String toString() {
    return "WaitResult{ready=" + ready.size() + ", unready=" + unready.size() + "}";
  }
}
