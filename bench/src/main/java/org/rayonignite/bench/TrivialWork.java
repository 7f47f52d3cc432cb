package org.rayonignite.bench;

import org.apache.ignite.lang.IgniteCallable;

/**
 * The work of the task benchmarks, in both forms: a static method for Ray and an Ignite callable
 * for raw compute. Both return the small int {@link #RESULT}, so what is measured is the cost of
 * getting a call to the task node and its result back.
 */
final class TrivialWork {
  static final int RESULT = 1;

  private TrivialWork() {}

  /** The Ray task. */
  static int one() {
    return RESULT;
  }

  /** The raw Ignite job; a static nested class, so peer class loading can bring it to the worker. */
  static final class OneCallable implements IgniteCallable<Integer> {
    private static final long serialVersionUID = 1L;

    @Override
    public Integer call() {
      return RESULT;
    }
  }

  /** Throws unless {@code value} is what the work returns: a guard against measuring failures. */
  static void check(Integer value) {
    if (value == null || value != RESULT) {
      throw new IllegalStateException("a task returned " + value + ", expected " + RESULT);
    }
  }
}
