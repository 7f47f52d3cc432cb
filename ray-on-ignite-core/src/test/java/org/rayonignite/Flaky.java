package org.rayonignite;

import org.rayonignite.api.actor.ActorHandle;

/** Work that fails its first attempts: the attempts are counted by a Counter actor (any JVM). */
public final class Flaky {
  private Flaky() {}

  /** Throws IllegalStateException on the first {@code failures} attempts, then returns the attempt. */
  public static int failFirst(ActorHandle<Counter> attempts, int failures) {
    int attempt = attempts.task(Counter::increment).remote().get();
    if (attempt <= failures) {
      throw new IllegalStateException("attempt " + attempt + " fails");
    }
    return attempt;
  }

  /** An actor whose method fails its first calls. */
  public static final class Worker {
    private int calls;

    public Worker() {}

    public int failFirst(int failures) {
      calls++;
      if (calls <= failures) {
        throw new IllegalArgumentException("call " + calls + " fails");
      }
      return calls;
    }
  }
}
