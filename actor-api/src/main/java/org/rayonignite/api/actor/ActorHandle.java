package org.rayonignite.api.actor;

import java.io.Serializable;
import org.rayonignite.api.ActorId;

/**
 * A handle to a live actor: call its methods with {@code task(...)}, kill it with {@link #kill()}.
 * Handles are serializable: pass them to tasks and other actors, return them, store them in
 * objects; every copy reaches the same actor.
 *
 * <pre>{@code
 * ActorHandle<Counter> counter = Ray.actor(Counter::new).remote();
 * ObjectRef<Integer> n = counter.task(Counter::increment).remote();
 * }</pre>
 *
 * @param <A> the actor's class
 */
public interface ActorHandle<A> extends ActorCall<A>, Serializable {
  /** The actor's id. */
  ActorId getId();

  /** Kills the actor without restarting it; its pending calls fail with {@code RayActorException}. */
  default void kill() {
    kill(true);
  }

  /**
   * Kills the actor.
   *
   * @param noRestart true to kill it for good; false to let it restart if it has restarts left
   */
  void kill(boolean noRestart);
}
