package org.rayonignite.api.call;

import org.rayonignite.api.ObjectRef;

/**
 * A call of a function that returns a value. {@link #remote()} submits it.
 *
 * @param <R> the function's return type
 */
public interface TaskCaller<R> extends BaseTaskCaller<TaskCaller<R>> {
  /**
   * The task returns {@code numReturns} objects: the function returns a {@code List}, an array or
   * an {@code Iterator} of exactly that many elements, each stored as its own object.
   */
  <E> MultiReturnTaskCaller<E> setNumReturns(int numReturns);

  /** The task streams its results: the function returns an {@code Iterator}, {@code Iterable} or {@code Stream}. */
  <E> StreamingTaskCaller<E> streaming();

  /** Submits the task and returns at once with the ref of its result. */
  ObjectRef<R> remote();
}
