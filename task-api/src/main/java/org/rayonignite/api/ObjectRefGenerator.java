package org.rayonignite.api;

import java.util.Iterator;

/**
 * The refs a streaming task produces, one per element, available as soon as each element is made.
 *
 * <pre>{@code
 * ObjectRefGenerator<Integer> gen = Ray.task(MyApp::produce).streaming().remote();
 * for (ObjectRef<Integer> ref : gen) {
 *   System.out.println(ref.get());
 * }
 * }</pre>
 *
 * <p>{@link #next()} blocks until the producer yields the next element or ends; {@link #hasNext()}
 * blocks likewise and is false after the last element. A failure of the producer surfaces as a
 * ref whose {@code get} throws, at the position the failure happened, then the iteration ends.
 *
 * @param <T> the type of the elements
 */
public interface ObjectRefGenerator<T> extends Iterable<ObjectRef<T>>, Iterator<ObjectRef<T>> {
  /** This generator: it can be iterated once. */
  @Override
  default Iterator<ObjectRef<T>> iterator() {
    return this;
  }
}
