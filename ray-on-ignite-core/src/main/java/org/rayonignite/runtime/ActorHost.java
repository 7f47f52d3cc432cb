package org.rayonignite.runtime;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.api.exception.RayException;

/**
 * The actors living on this node: registers them when their constructor ran here, hands their
 * calls to their mailboxes, and ends them (kill, exit, death of a non-detached actor's owner),
 * telling the callers of calls that will not run.
 */
final class ActorHost {
  /** Marks a call that reached a node where its actor is not (it moved or is being restarted). */
  static final String NOT_HERE = "org.rayonignite.runtime.ActorHost$NotHere";

  private final NodeRuntime runtime;
  private final ActorDirectory directory;
  private final ExecutorService pool;
  private final ConcurrentHashMap<ActorId, HostedActor> actors = new ConcurrentHashMap<>();
  private final CallerThreadSlots callerSlots;

  ActorHost(NodeRuntime runtime, ActorDirectory directory, String name, CallerThreadSlots callerSlots) {
    this.runtime = runtime;
    this.directory = directory;
    this.callerSlots = callerSlots;
    this.pool = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
        new SynchronousQueue<>(), new DaemonThreads("ray-actor-" + name));
  }

  /** The constructor of {@code creation} ran on this node and made {@code instance}. */
  void created(TaskSpec creation, Object instance, NodeExecutor executor) {
    ActorRecord before = directory.get(creation.actorId);
    ResourceSet held = creation.holdsResources ? creation.demand : ResourceSet.EMPTY;
    HostedActor actor = new HostedActor(creation.actorId, creation, instance, held,
        before == null ? 0 : before.numRestarts, pool, runtime.runner()::runActorCall);
    actors.put(actor.id, actor);
    if (!held.isEmpty()) {
      executor.hold(creation); // explicit resources stay held for the actor's life
    }
    ActorRecord record = directory.alive(actor.id, runtime.localNodeId());
    if (record == null || record.isDead()) {
      end(actor, record == null ? "unknown actor" : record.deathCause);
    }
  }

  /**
   * Calls sent to actors of this node; with {@code mayRunHere} (on the thread that received
   * them in a message) the last may run on this thread ({@link HostedActor#enqueueHere}).
   */
  void receive(List<TaskSpec> calls, boolean mayRunHere) {
    for (int i = 0; i < calls.size(); i++) {
      TaskSpec call = calls.get(i);
      HostedActor actor = actors.get(call.actorId);
      if (actor == null) {
        ActorRecord record = directory.get(call.actorId);
        if (record != null && record.isDead()) {
          fail(call, deathError(record));
        } else {
          notHere(call);
        }
      } else if (!(mayRunHere && i == calls.size() - 1 ? actor.enqueueHere(call, callerSlots) : actor.enqueue(call))) {
        fail(call, deathError(call.actorId, actor.deathCause()));
      }
    }
  }

  /** Cancels an actor call waiting in (or running in) a mailbox here; returns whether it was found. */
  boolean cancel(org.rayonignite.api.TaskId taskId) {
    for (HostedActor actor : actors.values()) {
      if (actor.cancel(taskId)) {
        return true;
      }
    }
    return false;
  }

  /** {@code kill()} of a handle: ends the actor here; it restarts if asked and it has restarts left. */
  void kill(WireCodec.ActorKill kill) {
    HostedActor actor = actors.get(kill.actorId());
    ActorRecord record = directory.get(kill.actorId());
    if (actor == null || record == null) {
      return;
    }
    if (!kill.noRestart() && record.hasRestartsLeft()) {
      // The owner sees RESTARTING and creates it again; waiting calls are sent again by callers.
      actors.remove(actor.id, actor);
      release(actor);
      directory.nodeLost(actor.id, runtime.localNodeId(), true);
      actor.die("restarting").forEach(this::notHere);
      return;
    }
    directory.dead(actor.id, "killed (ActorHandle.kill)", null);
    end(actor, "killed (ActorHandle.kill)");
  }

  /** {@code Ray.exitActor()} ran in one of the actor's methods. */
  void exited(HostedActor actor) {
    directory.dead(actor.id, "exited (Ray.exitActor)", null);
    end(actor, "exited (Ray.exitActor)");
  }

  /** A node left: actors here owned by it or of its job (made by its tasks) die unless detached. */
  void ownerLeft(UUID owner) {
    int job = NodeRuntime.jobIdOf(owner);
    for (HostedActor actor : actors.values()) {
      ActorRecord record = directory.get(actor.id);
      if (record != null && (owner.equals(record.ownerId) || record.jobId == job) && !record.detached) {
        directory.dead(actor.id, "owner died (node " + Scheduler.describe(owner) + " left)", null);
        end(actor, "owner died");
      }
    }
  }

  /** Ends an actor whose owner ended its job. */
  void ownerEnded(ActorId id) {
    HostedActor actor = actors.get(id);
    if (actor != null) {
      end(actor, "owner ended its job (Ray.shutdown)");
    }
  }

  void shutdown() {
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The calls running in actors here that {@code owner} made. */
  void runningOwnedBy(java.util.UUID owner, java.util.Collection<org.rayonignite.api.TaskId> into) {
    actors.values().forEach(actor -> actor.runningOwnedBy(owner, into));
  }

  int size() {
    return actors.size();
  }

  HostedActor get(ActorId id) {
    return actors.get(id);
  }

  private void end(HostedActor actor, String cause) {
    actors.remove(actor.id, actor);
    release(actor);
    RayActorException error = deathError(actor.id, cause);
    actor.die(cause).forEach(call -> fail(call, error));
    ActorRecord record = directory.get(actor.id);
    if (record != null) {
      directory.releaseName(record);
    }
  }

  private void release(HostedActor actor) {
    if (!actor.held.isEmpty()) {
      runtime.executor().unhold(actor.creation);
    }
  }

  /** A placement group was removed: its actors here die. */
  void groupRemoved(org.rayonignite.api.PlacementGroupId group) {
    for (HostedActor actor : actors.values()) {
      if (actor.creation.bundle != null && actor.creation.bundle.group().equals(group)) {
        String cause = "its placement group " + group + " was removed";
        directory.dead(actor.id, cause, null);
        end(actor, cause);
      }
    }
  }

  RayActorException deathError(ActorId id, String cause) {
    ActorRecord record = directory.get(id);
    return record != null && record.isDead() ? deathError(record)
        : new RayActorException("the actor " + id + " is dead: " + cause);
  }

  RayActorException deathError(ActorRecord record) {
    Throwable cause = null;
    if (record.creationError != null) {
      RayException creation = runtime.objects().deserializeError(record.creationError);
      cause = creation.getCause() != null ? creation.getCause() : creation;
    }
    return new RayActorException("the actor " + record.actorId + " (" + record.className + ") is dead: "
        + record.deathCause, cause);
  }

  private void fail(TaskSpec call, RayException error) {
    runtime.deliverResult(call.taskId.getOwnerUuid(), new TaskResult(call.taskId, call.attempt,
        runtime.localNodeId(), null, runtime.objects().serializeError(error), RayActorException.class.getName()));
  }

  private void notHere(TaskSpec call) {
    runtime.deliverResult(call.taskId.getOwnerUuid(), new TaskResult(call.taskId, call.attempt,
        runtime.localNodeId(), null, runtime.objects().serializeError(new RayActorException(
            "the actor " + call.actorId + " is not on node " + runtime.describeLocalNode())), NOT_HERE));
  }
}
