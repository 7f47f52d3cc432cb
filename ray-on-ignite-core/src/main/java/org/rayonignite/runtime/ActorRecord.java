package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.ActorInfo;
import org.rayonignite.api.ActorState;
import org.rayonignite.api.NodeId;

/**
 * An actor's entry in the cluster's actor table: who it is, where it lives, its state, and why it
 * died. Immutable; changes are new records written with Ignite's atomic {@code invoke}. (A plain
 * class, not a record: Ignite's binary marshaller cannot build records.)
 */
final class ActorRecord implements Serializable {
  private static final long serialVersionUID = 1L;

  final ActorId actorId;
  final String className;
  final String name;
  final String namespace;
  final ActorState state;
  /** The node it runs on (or last ran on); null before placement. */
  final UUID nodeId;
  /** The process that created it: it restarts the actor and, unless detached, ends it. */
  final UUID ownerId;
  /** The owner's job. */
  final int jobId;
  final boolean detached;
  final int maxRestarts;
  /** How often a call is sent again after a restart. */
  final int maxTaskRetries;
  final int numRestarts;
  final String deathCause;
  /** The serialized exception the constructor threw, or null. */
  final byte[] creationError;
  /** Counts the changes: a node's view never goes back to an older record. */
  final long version;

  ActorRecord(ActorId actorId, String className, String name, String namespace, ActorState state,
      UUID nodeId, UUID ownerId, int jobId, boolean detached, int maxRestarts, int maxTaskRetries,
      int numRestarts, String deathCause, byte[] creationError) {
    this(actorId, className, name, namespace, state, nodeId, ownerId, jobId, detached, maxRestarts,
        maxTaskRetries, numRestarts, deathCause, creationError, 0);
  }

  private ActorRecord(ActorId actorId, String className, String name, String namespace,
      ActorState state, UUID nodeId, UUID ownerId, int jobId, boolean detached, int maxRestarts,
      int maxTaskRetries, int numRestarts, String deathCause, byte[] creationError, long version) {
    this.version = version;
    this.jobId = jobId;
    this.actorId = actorId;
    this.className = className;
    this.name = name;
    this.namespace = namespace;
    this.state = state;
    this.nodeId = nodeId;
    this.ownerId = ownerId;
    this.detached = detached;
    this.maxRestarts = maxRestarts;
    this.maxTaskRetries = maxTaskRetries;
    this.numRestarts = numRestarts;
    this.deathCause = deathCause;
    this.creationError = creationError;
  }

  ActorRecord alive(UUID node) {
    return new ActorRecord(actorId, className, name, namespace, ActorState.ALIVE, node, ownerId,
        jobId, detached, maxRestarts, maxTaskRetries, numRestarts, null, null, version + 1);
  }

  ActorRecord restarting() {
    return new ActorRecord(actorId, className, name, namespace, ActorState.RESTARTING, nodeId,
        ownerId, jobId, detached, maxRestarts, maxTaskRetries, numRestarts + 1, null, null, version + 1);
  }

  ActorRecord pendingCreation() {
    return new ActorRecord(actorId, className, name, namespace, ActorState.PENDING_CREATION, nodeId,
        ownerId, jobId, detached, maxRestarts, maxTaskRetries, numRestarts, null, null, version + 1);
  }

  ActorRecord dead(String cause, byte[] error) {
    return new ActorRecord(actorId, className, name, namespace, ActorState.DEAD, nodeId, ownerId,
        jobId, detached, maxRestarts, maxTaskRetries, numRestarts, cause, error, version + 1);
  }

  boolean hasRestartsLeft() {
    return maxRestarts < 0 || numRestarts < maxRestarts;
  }

  boolean isDead() {
    return state == ActorState.DEAD;
  }

  ActorInfo toInfo() {
    return new ActorInfo(actorId, className, name, namespace, state,
        nodeId == null ? null : NodeId.of(nodeId), numRestarts, deathCause);
  }

  @Override
  public boolean equals(Object other) {
    if (!(other instanceof ActorRecord that)) {
      return false;
    }
    return version == that.version && jobId == that.jobId && detached == that.detached && maxRestarts == that.maxRestarts
        && maxTaskRetries == that.maxTaskRetries
        && numRestarts == that.numRestarts && actorId.equals(that.actorId)
        && Objects.equals(className, that.className) && Objects.equals(name, that.name)
        && Objects.equals(namespace, that.namespace) && state == that.state
        && Objects.equals(nodeId, that.nodeId) && Objects.equals(ownerId, that.ownerId)
        && Objects.equals(deathCause, that.deathCause) && Arrays.equals(creationError, that.creationError);
  }

  @Override
  public int hashCode() {
    return Objects.hash(actorId, state, nodeId, numRestarts);
  }

  @Override
  public String toString() {
    return "Actor{" + actorId + " " + className + (name != null ? " " + namespace + "/" + name : "")
        + " " + state + " node=" + nodeId + " restarts=" + numRestarts
        + (deathCause != null ? " died: " + deathCause : "") + "}";
  }
}
