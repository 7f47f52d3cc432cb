package org.rayonignite.api;

/** The life of an actor, as Ray reports it. */
public enum ActorState {
  /** Its constructor arguments are not ready yet. */
  DEPENDENCIES_UNREADY,
  /** Being placed on a node and constructed. */
  PENDING_CREATION,
  /** Running and taking calls. */
  ALIVE,
  /** Its node died and it is being recreated elsewhere. */
  RESTARTING,
  /** Dead for good: killed, exited, failed to construct, out of restarts, or its owner died. */
  DEAD
}
