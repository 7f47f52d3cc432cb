package org.rayonignite.bench;

import java.util.ArrayDeque;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A pipelined workload: keeps up to {@code size} asynchronous calls in flight, awaiting the oldest
 * before submitting past the limit, and awaits the rest at the end of the run. The same window
 * drives Ray refs and raw Ignite futures, so both sides pipeline alike.
 *
 * @param <F> what a submission returns (an {@code ObjectRef}, an {@code IgniteFuture})
 */
final class InFlightWindow<F> implements Workload {
  private final int size;
  private final Supplier<F> submit;
  private final Consumer<F> await;
  private final ArrayDeque<F> inFlight;

  InFlightWindow(int size, Supplier<F> submit, Consumer<F> await) {
    this.size = size;
    this.submit = submit;
    this.await = await;
    this.inFlight = new ArrayDeque<>(size);
  }

  @Override
  public long step() {
    long completed = 0;
    if (inFlight.size() >= size) {
      await.accept(inFlight.poll());
      completed = 1;
    }
    inFlight.add(submit.get());
    return completed;
  }

  @Override
  public long finish() {
    long completed = 0;
    F oldest;
    while ((oldest = inFlight.poll()) != null) {
      await.accept(oldest);
      completed++;
    }
    return completed;
  }
}
