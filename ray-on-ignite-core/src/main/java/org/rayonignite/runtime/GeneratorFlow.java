package org.rayonignite.runtime;

/**
 * The producer's side of a streaming task's backpressure: the producer waits while it is
 * {@code bound} elements ahead of what the caller acknowledged as consumed.
 */
final class GeneratorFlow {
  private final int bound;
  /** Elements the caller consumed; guarded by this. */
  private int consumed;

  GeneratorFlow(int bound) {
    this.bound = bound;
  }

  synchronized void consumed(int count) {
    if (count > consumed) {
      consumed = count;
      notifyAll();
    }
  }

  /** Waits until {@code produced} elements are within the bound of what was consumed. */
  synchronized void awaitRoom(int produced) throws InterruptedException {
    while (bound > 0 && produced - consumed >= bound) {
      wait();
    }
  }
}
