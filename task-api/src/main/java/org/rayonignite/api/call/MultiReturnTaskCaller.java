package org.rayonignite.api.call;

import java.util.List;
import org.rayonignite.api.ObjectRef;

/**
 * A call of a function with several return objects (see {@link TaskCaller#setNumReturns(int)}).
 *
 * @param <E> the element type, as far as the caller states it
 */
public interface MultiReturnTaskCaller<E> extends BaseTaskCaller<MultiReturnTaskCaller<E>> {
  /** Submits the task; one ref per return object, typed by the assignment. */
  <T> List<ObjectRef<T>> remote();
}
