package org.rayonignite.api;

/** An actor as the cluster's actor table records it. Dead actors stay listed as {@code DEAD}. */
public final class ActorInfo {
  private final ActorId actorId;
  private final String className;
  private final String name;
  private final String namespace;
  private final ActorState state;
  private final NodeId nodeId;
  private final int numRestarts;
  private final String deathCause;

  /** An actor description. */
  public ActorInfo(ActorId actorId, String className, String name, String namespace,
      ActorState state, NodeId nodeId, int numRestarts, String deathCause) {
    this.actorId = actorId;
    this.className = className;
    this.name = name;
    this.namespace = namespace;
    this.state = state;
    this.nodeId = nodeId;
    this.numRestarts = numRestarts;
    this.deathCause = deathCause;
  }

  /** The actor's id. */
  public ActorId getActorId() {
    return actorId;
  }

  /** The actor's class name. */
  public String getClassName() {
    return className;
  }

  /** The actor's name, or null if unnamed. */
  public String getName() {
    return name;
  }

  /** The namespace the actor was created in. */
  public String getNamespace() {
    return namespace;
  }

  /** The actor's state. */
  public ActorState getState() {
    return state;
  }

  /** The node the actor runs (or last ran) on, or null if never placed. */
  public NodeId getNodeId() {
    return nodeId;
  }

  /** How many times the actor was restarted. */
  public int getNumRestarts() {
    return numRestarts;
  }

  /** Why the actor died (killed, exited, node died, creation failed, owner died); null while alive. */
  public String getDeathCause() {
    return deathCause;
  }

  @Override
  public String toString() {
    return "ActorInfo{" + actorId + " " + className + (name != null ? " name=" + name : "") + " "
        + state + " node=" + nodeId + " restarts=" + numRestarts
        + (deathCause != null ? " death=" + deathCause : "") + "}";
  }
}
