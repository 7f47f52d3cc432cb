package org.rayonignite.runtime;

/**
 * Thrown by {@code Ray.exitActor()} inside an actor method: unwinds the method, after which the
 * actor is dead for good. Not meant to be caught by application code.
 */
public final class ActorExit extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ActorExit() {
    super("Ray.exitActor() was called", null, false, false);
  }
}
