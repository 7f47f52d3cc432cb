package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.ActorState;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.api.exception.RayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's side of actors: creating them (it then owns them: it restarts them and, unless
 * they are detached, ends them with its job), and calling them.
 *
 * <p>Design: a call is sent straight to the node the actor table says the actor lives on, with
 * its number in this process's sequence for that actor. While the actor is being created or
 * restarted, calls wait in the actor's {@link ActorLane}; when the table says ALIVE they go, and
 * after a restart the unfinished ones are sent again while the actor's {@code maxTaskRetries}
 * allow. When the table says DEAD they fail with {@code RayActorException}. No polling: the
 * table's continuous query drives all of it.
 */
final class ActorManager {
  private static final Logger LOG = LoggerFactory.getLogger(ActorManager.class);

  private final NodeRuntime runtime;
  private final ActorDirectory directory;
  private final TaskSubmitter submitter;
  /** Actors this process created: how to create them again. */
  private final ConcurrentHashMap<ActorId, ActorCreation> owned = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ActorId, ActorLane> lanes = new ConcurrentHashMap<>();

  /** What it takes to create an actor again after its node died. */
  record ActorCreation(RayFunction constructor, Object[] args, CallOptions options,
      ActorCreatorImpl.ActorOptions actorOptions) {}

  ActorManager(NodeRuntime runtime, ActorDirectory directory, TaskSubmitter submitter) {
    this.runtime = runtime;
    this.directory = directory;
    this.submitter = submitter;
    directory.onChange(this::onRecord);
  }

  // ---- creation ----

  <A> ActorHandleImpl<A> create(RayFunction constructor, Object[] args, CallOptions options,
      ActorCreatorImpl.ActorOptions actorOptions) {
    runtime.checkRunning();
    ActorId id = ActorId.random();
    String namespace = actorOptions.namespace != null ? actorOptions.namespace : runtime.currentNamespace();
    boolean hasRefArgs = java.util.Arrays.stream(args).anyMatch(a -> a instanceof org.rayonignite.api.ObjectRef);
    ActorRecord record = new ActorRecord(id, constructor.descriptor.className, actorOptions.name,
        namespace, hasRefArgs ? ActorState.DEPENDENCIES_UNREADY : ActorState.PENDING_CREATION, null,
        runtime.localNodeId(), runtime.currentJobId(), actorOptions.lifetime == ActorLifetime.DETACHED,
        actorOptions.maxRestarts, actorOptions.maxTaskRetries, 0, null, null);
    directory.create(record);
    if (actorOptions.name != null && !directory.claimName(namespace, actorOptions.name, id)) {
      directory.dead(id, "name taken", null);
      throw new IllegalArgumentException("an actor named \"" + actorOptions.name
          + "\" already exists in namespace \"" + namespace + "\"");
    }
    ActorCreation creation = new ActorCreation(constructor, args, options, actorOptions);
    owned.put(id, creation);
    submitCreation(id, creation);
    return new ActorHandleImpl<>(runtime, id, actorOptions.maxPendingCalls);
  }

  private void submitCreation(ActorId id, ActorCreation creation) {
    List<ObjectRefImpl<Object>> done = submitter.submit(creation.constructor(), creation.args(),
        creation.options(), task -> {
          task.kind = TaskSpec.Kind.ACTOR_CREATION;
          task.actorId = id;
          task.maxConcurrency = creation.actorOptions().maxConcurrency;
          task.holdsResources = creation.actorOptions().holdsResources;
        });
    done.get(0).entry().location.whenComplete((location, error) -> {
      if (error != null) {
        RayException failure = ObjectManager.unwrap(error);
        ActorRecord dead = directory.dead(id, "creation failed: " + failure.getMessage(),
            runtime.objects().serializeError(failure));
        if (dead != null) {
          directory.releaseName(dead);
        }
      }
    });
  }

  /** The actor's record as this node sees it, or null. */
  ActorRecord record(ActorId id) {
    return directory.get(id);
  }

  /** Whether the table says the actor was running on {@code node} (alive there, or since lost). */
  boolean wasAliveOn(ActorId id, UUID node) {
    ActorRecord record = directory.get(id);
    return record != null && node.equals(record.nodeId) && record.state != ActorState.PENDING_CREATION
        && record.state != ActorState.DEPENDENCIES_UNREADY;
  }

  /** The live actor named {@code name} in {@code namespace}, or null. */
  <A> ActorHandleImpl<A> named(String namespace, String name) {
    ActorRecord record = directory.named(namespace, name);
    return record == null ? null : new ActorHandleImpl<>(runtime, record.actorId, 0);
  }

  /** Every actor in the table, dead ones included. */
  List<org.rayonignite.api.ActorInfo> all() {
    List<org.rayonignite.api.ActorInfo> infos = new ArrayList<>();
    for (ActorRecord record : directory.all()) {
      infos.add(record.toInfo());
    }
    return infos;
  }

  // ---- calls ----

  ObjectRefImpl<Object> call(ActorHandleImpl<?> handle, RayFunction method, Object[] args,
      CallOptions options) {
    return callMany(handle, method, args, options).get(0);
  }

  List<ObjectRefImpl<Object>> callMany(ActorHandleImpl<?> handle, RayFunction method, Object[] args,
      CallOptions options) {
    return submitter.submit(method, args, options, asCallOf(handle));
  }

  /** A streaming call of an actor method. */
  <T> ObjectRefGeneratorImpl<T> callStreaming(ActorHandleImpl<?> handle, RayFunction method,
      Object[] args, CallOptions options) {
    return runtime.submitStreaming(method, args, options, asCallOf(handle));
  }

  /** Makes a pending task a numbered call of {@code handle}'s actor. */
  private java.util.function.Consumer<PendingTask> asCallOf(ActorHandleImpl<?> handle) {
    ActorLane lane = lanes.computeIfAbsent(handle.getId(), ActorLane::new);
    return task -> {
      task.kind = TaskSpec.Kind.ACTOR_CALL;
      task.actorId = handle.getId();
      task.sequence = lane.nextSequence();
      lane.unfinished.put(task.sequence, task);
    };
  }

  /** A call whose arguments are ready: send it to the actor's node, or wait for the actor. */
  void route(PendingTask call) {
    ActorLane lane = lanes.computeIfAbsent(call.actorId, ActorLane::new);
    synchronized (lane) {
      if (call.attempt > 0 && call.node == null && call.lastResult != null) {
        // Retried after an exception: a new number, since the mailbox ran the old one.
        lane.unfinished.remove(call.sequence, call);
        call.sequence = lane.nextSequence();
        lane.unfinished.put(call.sequence, call);
        call.lastResult = null;
      }
      ActorRecord record = directory.get(call.actorId);
      if (record == null) {
        submitter.fail(call, new RayActorException("the actor " + call.actorId + " is unknown"));
      } else if (record.isDead()) {
        submitter.fail(call, runtime.actorHost().deathError(record));
      } else if (record.state == ActorState.ALIVE) {
        send(lane, call, record);
      } else {
        lane.waiting.add(call);
      }
    }
  }

  /** The node a call was sent to does not have the actor: wait for the table to say where it is. */
  void reroute(PendingTask call, UUID notThere) {
    ActorLane lane = lanes.computeIfAbsent(call.actorId, ActorLane::new);
    synchronized (lane) {
      call.node = null;
      ActorRecord record = directory.get(call.actorId);
      if (record != null && record.state == ActorState.ALIVE && !notThere.equals(record.nodeId)) {
        send(lane, call, record);
      } else if (record != null && record.isDead()) {
        submitter.fail(call, runtime.actorHost().deathError(record));
      } else {
        lane.waiting.add(call);
      }
    }
  }

  void callFinished(PendingTask call) {
    ActorLane lane = lanes.get(call.actorId);
    if (lane != null) {
      lane.unfinished.remove(call.sequence, call);
    }
  }

  private void send(ActorLane lane, PendingTask call, ActorRecord record) {
    call.node = record.nodeId;
    call.generation = record.numRestarts;
    call.firstUnfinished = lane.firstUnfinished(call.sequence);
    TaskSpec spec = call.spec(call.jobId, call.namespace, -1);
    runtime.sendActorCall(record.nodeId, spec);
  }

  // ---- the table's changes ----

  private void onRecord(ActorRecord record) {
    if (!runtime.isRunning()) {
      return;
    }
    if (record.state == ActorState.RESTARTING && runtime.localNodeId().equals(record.ownerId)) {
      ActorCreation creation = owned.get(record.actorId);
      if (creation != null) {
        LOG.info("Restarting actor {} ({} of {} restarts)", record.actorId, record.numRestarts,
            record.maxRestarts < 0 ? "unlimited" : record.maxRestarts);
        runtime.execute(() -> submitCreation(record.actorId, creation));
      }
    }
    if (record.isDead()) {
      owned.remove(record.actorId);
    }
    ActorLane lane = lanes.get(record.actorId);
    if (lane == null) {
      return;
    }
    runtime.execute(() -> laneSees(lane, record));
  }

  private void laneSees(ActorLane lane, ActorRecord seen) {
    synchronized (lane) {
      ActorRecord record = directory.get(lane.actorId);
      if (record == null || record.state != seen.state || record.numRestarts != seen.numRestarts) {
        return; // a later change will come (or came) with its own call
      }
      if (record.isDead()) {
        RayActorException error = runtime.actorHost().deathError(record);
        lane.waiting.clear();
        for (PendingTask call : new ArrayList<>(lane.unfinished.values())) {
          submitter.fail(call, error);
        }
        return;
      }
      if (record.state != ActorState.ALIVE) {
        return;
      }
      if (record.numRestarts > lane.knownRestarts) {
        lane.knownRestarts = record.numRestarts;
        resendAfterRestart(lane, record);
      }
      while (!lane.waiting.isEmpty()) {
        PendingTask call = lane.waiting.poll();
        if (lane.unfinished.get(call.sequence) == call) {
          send(lane, call, record); // else it finished while it waited (cancelled, failed)
        }
      }
    }
  }

  /** Calls that were sent to the old instance and not finished go again, while retries allow. */
  private void resendAfterRestart(ActorLane lane, ActorRecord record) {
    for (PendingTask call : new ArrayList<>(lane.unfinished.values())) {
      if (call.node == null || call.generation >= record.numRestarts) {
        continue; // waiting, or sent to the new instance already
      }
      if (record.maxTaskRetries >= 0 && call.attempt >= record.maxTaskRetries) {
        submitter.fail(call, new RayActorException("the actor " + record.actorId + " restarted "
            + "while running " + call.name + ", and its maxTaskRetries (" + record.maxTaskRetries
            + ") are used up"));
      } else {
        call.attempt++;
        send(lane, call, record);
      }
    }
  }

  // ---- nodes, kills, lifetimes ----

  /** A node left: its actors restart (if this process owns them) or die (if their owner is gone). */
  void nodeLeft(UUID node) {
    for (ActorRecord record : directory.all()) {
      if (!node.equals(record.nodeId) || record.isDead()) {
        continue;
      }
      if (runtime.localNodeId().equals(record.ownerId)) {
        ActorRecord now = directory.nodeLost(record.actorId, node, true);
        if (now != null && now.isDead()) {
          directory.releaseName(now);
        }
      } else if (!runtime.isAlive(record.ownerId)) {
        ActorRecord now = directory.nodeLost(record.actorId, node, false);
        if (now != null && now.isDead()) {
          directory.releaseName(now);
        }
      }
    }
  }

  void kill(ActorId id, boolean noRestart) {
    ActorRecord record = directory.get(id);
    if (record == null || record.isDead()) {
      return;
    }
    if (record.state == ActorState.ALIVE) {
      runtime.sendActorKill(record.nodeId, new WireCodec.ActorKill(id, noRestart));
    } else {
      ActorRecord dead = directory.dead(id, "killed (ActorHandle.kill) before it was alive", null);
      if (dead != null) {
        directory.releaseName(dead);
      }
    }
  }

  /** The job ends: its non-detached actors die with it. */
  void endOwnedActors() {
    for (ActorId id : owned.keySet()) {
      ActorRecord record = directory.get(id);
      if (record == null || record.detached || record.isDead()) {
        continue;
      }
      try {
        ActorRecord dead = directory.dead(id, "owner ended its job (Ray.shutdown)", null);
        if (dead != null) {
          directory.releaseName(dead);
        }
        if (record.nodeId != null) {
          runtime.sendActorKill(record.nodeId, new WireCodec.ActorKill(id, true));
        }
      } catch (RuntimeException e) {
        LOG.debug("Could not end actor {}: {}", id, e.toString());
      }
    }
  }
}
