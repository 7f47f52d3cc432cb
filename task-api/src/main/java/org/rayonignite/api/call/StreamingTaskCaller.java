package org.rayonignite.api.call;

import org.rayonignite.api.ObjectRefGenerator;

/**
 * A call of a function whose results stream back one element at a time (see
 * {@link TaskCaller#streaming()}).
 *
 * @param <E> the element type, as far as the caller states it
 */
public interface StreamingTaskCaller<E> extends BaseTaskCaller<StreamingTaskCaller<E>> {
  /**
   * Pauses the producer while this many produced elements are not yet consumed by the caller.
   * Default: unbounded (as Ray).
   */
  StreamingTaskCaller<E> setGeneratorBackpressure(int maxUnconsumed);

  /** Submits the task; the generator yields one ref per element, typed by the assignment. */
  <T> ObjectRefGenerator<T> remote();
}
