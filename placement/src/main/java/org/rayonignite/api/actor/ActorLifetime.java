package org.rayonignite.api.actor;

/**
 * How long an actor (or a placement group) lives.
 *
 * <p>It sits in the {@code placement} module because placement-group options use it too.
 */
public enum ActorLifetime {
  /** Dies when the driver (job) that created it ends. The default. */
  NON_DETACHED,
  /** Lives until it is killed (or removed), independent of the driver that created it. */
  DETACHED
}
