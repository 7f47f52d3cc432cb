package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.exception.NodeDiedException;
import org.rayonignite.api.exception.ObjectLostException;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RaySerializationException;
import org.rayonignite.objectstore.ObjectSerializer;
import org.rayonignite.state.TaskInfo;
import org.rayonignite.state.TaskState;
import org.rayonignite.state.TaskType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Submits tasks and owns their return objects until the tasks finish.
 *
 * <p>Design: {@code submit} allocates the task and return ids locally, serializes the argument
 * values (so bad arguments fail in the caller's thread) and returns; no network round trip.
 * A task whose ref arguments are not ready waits for them without a thread, then is placed by
 * the {@link Scheduler} and sent (or run here). A result completes the return entries; a failure
 * that the task's retry settings cover, or the death of the node running it, sends it again
 * while retries are left. A task no node can run waits in {@link #infeasible} until the set of
 * nodes changes.
 */
final class TaskSubmitter {
  private static final Logger LOG = LoggerFactory.getLogger(TaskSubmitter.class);

  private final NodeRuntime runtime;
  private final Scheduler scheduler;
  private final ObjectSerializer serializer;
  private final ConcurrentHashMap<TaskId, PendingTask> pending = new ConcurrentHashMap<>();
  private final Queue<PendingTask> infeasible = new ConcurrentLinkedQueue<>();
  private final Set<String> warnedShapes = ConcurrentHashMap.newKeySet();
  private final EventRing<TaskInfo> history;
  /** Tasks submitted by tasks running on this node, by parent: what a recursive cancel reaches. */
  private final ConcurrentHashMap<TaskId, Set<TaskId>> children = new ConcurrentHashMap<>();
  /**
   * Streams whose elements may still arrive: elements and the end travel in different messages,
   * so elements can come after the end (when the task is no longer pending).
   */
  private final ConcurrentHashMap<TaskId, GeneratorState> streams = new ConcurrentHashMap<>();

  TaskSubmitter(NodeRuntime runtime, Scheduler scheduler, ObjectSerializer serializer, int historySize) {
    this.runtime = runtime;
    this.scheduler = scheduler;
    this.serializer = serializer;
    this.history = new EventRing<>(historySize);
  }

  List<ObjectRefImpl<Object>> submit(RayFunction function, Object[] args, CallOptions options) {
    return submit(function, args, options, null);
  }

  /**
   * Submits a task, an actor creation or an actor call; {@code setup} makes the pending task an
   * actor's creation or call before it is placed or routed.
   */
  List<ObjectRefImpl<Object>> submit(RayFunction function, Object[] args, CallOptions options,
      java.util.function.Consumer<PendingTask> setup) {
    runtime.checkRunning();
    String name = options.name != null ? options.name : function.descriptor.displayName();
    byte[] captured = null;
    TaskArg[] taskArgs = new TaskArg[args.length];
    ObjectEntry[] dependencies = null;
    ObjectEntry[] contained;
    List<ObjectEntry> outerContainer = ObjectManager.beginHoldingRefs();
    try {
      if (function.captured.length > 0) {
        try {
          captured = serializer.serialize(function.captured);
        } catch (RaySerializationException e) {
          throw new RaySerializationException("a value captured by the lambda of task " + name
              + " cannot be serialized: " + e.getMessage(), e.getFailedClassName(), e);
        }
      }
      for (int i = 0; i < args.length; i++) {
        if (args[i] instanceof ObjectRef<?> ref) {
          if (dependencies == null) {
            dependencies = new ObjectEntry[args.length];
          }
          dependencies[i] = runtime.objects().entryOf(ref);
        } else {
          try {
            taskArgs[i] = TaskArg.value(serializer.serialize(args[i]));
          } catch (RaySerializationException e) {
            throw new RaySerializationException("argument " + i + " of task " + name
                + " cannot be serialized: " + e.getMessage(), e.getFailedClassName(), e);
          }
        }
      }
    } finally {
      contained = ObjectManager.endHoldingRefs(outerContainer); // refs inside the arguments
    }
    TaskId taskId = runtime.newTaskId();
    ObjectEntry[] returns = new ObjectEntry[options.numReturns];
    List<ObjectRefImpl<Object>> refs = new ArrayList<>(returns.length);
    for (int i = 0; i < returns.length; i++) {
      returns[i] = runtime.objects().owned(ObjectId.of(taskId, i));
      refs.add(new ObjectRefImpl<>(runtime, returns[i]));
    }
    PendingTask task = new PendingTask(taskId, name, function, captured, taskArgs, dependencies,
        options, returns);
    task.contained = contained;
    task.jobId = runtime.currentJobId();
    task.namespace = runtime.currentNamespace();
    if (setup != null) {
      setup.accept(task);
    }
    if (task.generator != null) {
      streams.put(taskId, task.generator);
    }
    if (task.kind == TaskSpec.Kind.TASK) {
      runtime.metrics().taskSubmitted();
    }
    TaskContext parent = TaskContext.current();
    if (parent != null && parent.runtime == runtime) {
      task.parent = parent.spec.taskId;
      children.computeIfAbsent(task.parent, p -> ConcurrentHashMap.newKeySet()).add(taskId);
    }
    pending.put(taskId, task);
    if (dependencies == null) {
      schedule(task);
    } else {
      whenDependenciesReady(task);
    }
    return refs;
  }

  private void whenDependenciesReady(PendingTask task) {
    List<CompletableFuture<ObjectLocation>> waiting = new ArrayList<>();
    for (ObjectEntry dependency : task.dependencies) {
      if (dependency != null && !dependency.isReady()) {
        waiting.add(dependency.location);
        runtime.objects().requestIfBorrowed(dependency);
      }
    }
    if (waiting.isEmpty()) {
      resolveDependencies(task);
      return;
    }
    CompletableFuture.allOf(waiting.toArray(new CompletableFuture[0]))
        .whenComplete((ignored, error) -> resolveDependencies(task));
  }

  /**
   * Fills in the ref arguments of a task whose inputs were all found ready, then places it. Runs
   * on the thread that completed the last awaited input (or on one waiting for it: a
   * CompletableFuture's waiters run its callbacks too), often an Ignite public-pool thread that
   * is delivering a result: it must never block here.
   */
  private void resolveDependencies(PendingTask task) {
    for (int i = 0; i < task.dependencies.length; i++) {
      ObjectEntry dependency = task.dependencies[i];
      if (dependency == null) {
        continue;
      }
      CompletableFuture<ObjectLocation> location = dependency.location;
      if (!location.isDone()) {
        // Ready when the task began to wait, the input was lost since and is being made again:
        // its entry has a new, pending location (Lineage.startRun). Wait for it as for any input.
        // Joining it here blocked the delivering thread until the rebuilt input's own result came
        // in, which the public pool, with all its threads so blocked, could no longer deliver.
        whenDependenciesReady(task);
        return;
      }
      try {
        task.args[i] = TaskArg.ref(dependency.id, location.join());
      } catch (RuntimeException e) {
        // A failed input fails the task with the input's own failure, as Ray.
        fail(task, ObjectManager.unwrap(e));
        return;
      }
    }
    schedule(task);
  }

  private void schedule(PendingTask task) {
    schedule(task, null);
  }

  private void schedule(PendingTask task, UUID avoid) {
    if (!runtime.isRunning() || task.cancelled) {
      return;
    }
    if (task.kind == TaskSpec.Kind.ACTOR_CALL) {
      runtime.actors().route(task); // straight to the actor's node, no placement
      return;
    }
    Scheduler.Decision decision = scheduler.place(task.options.resources, task.options, task.args, avoid);
    if (decision.failure() != null) {
      fail(task, decision.failure());
    } else if (decision.infeasible()) {
      park(task);
    } else {
      dispatch(task, task.spec(task.jobId, task.namespace, decision.affinityPartition(),
          decision.bundle()), decision.node());
    }
  }

  private void dispatch(PendingTask task, TaskSpec spec, UUID node) {
    if (!node.equals(runtime.localNodeId()) && !runtime.isAlive(node)) {
      // Ignite knows the node left, our view not yet (its handler runs soon): place the task
      // again without that node. It never ran there, so this costs no retry; and the node leaves
      // the view first, so placing cannot pick it again (it did, endlessly: a StackOverflowError
      // that also used up the retries of every task on that node).
      runtime.clusterView().nodeLeft(node);
      schedule(task);
      return;
    }
    task.node = node;
    if (task.generator != null) {
      task.generator.producer = node;
    }
    scheduler.dispatched(node);
    if (node.equals(runtime.localNodeId())) {
      spec.submittedBy = Thread.currentThread(); // the caller of remote(), unless the task waited
      runtime.executor().submit(spec);
    } else {
      runtime.sendTask(node, spec);
      if (!runtime.isAlive(node)) {
        nodeLeft(node); // it left before the send: treat the task as lost with it
      }
    }
  }

  private void park(PendingTask task) {
    infeasible.add(task);
    if (task.options.placementGroup != null) {
      return; // waits for its placement group, whose placement logs its own progress
    }
    String constraint = constraintOf(task);
    String shape = task.options.resources + (constraint == null ? "" : " " + constraint);
    if (warnedShapes.add(shape)) {
      LOG.warn("Task {} needs {}: no live node can run it; it waits until a node that can joins.",
          task.name, shape);
    }
  }

  /** Labels, node affinity or cache-key affinity that narrow where a task may run; null if none. */
  private static String constraintOf(PendingTask task) {
    CallOptions options = task.options;
    String constraint = (options.labelSelector != null ? " labels " + options.labelSelector : "")
        + (options.nodeAffinity != null ? " on node " + options.nodeAffinity : "")
        + (options.affinityCache != null ? " by key of cache " + options.affinityCache : "");
    return constraint.isEmpty() ? null : constraint.substring(1);
  }

  /** The tasks and actors parked until a node can run them or their placement group is placed. */
  java.util.Collection<Demand> parkedDemands() {
    java.util.Map<String, Demand> byShape = new java.util.LinkedHashMap<>();
    for (PendingTask task : infeasible) {
      Demand demand = task.options.placementGroup != null
          ? new Demand(Demand.Kind.PLACEMENT_GROUP, task.options.resources.toMap(), null)
          : new Demand(Demand.Kind.INFEASIBLE, task.options.resources.toMap(), constraintOf(task));
      byShape.computeIfAbsent(demand.key(), key -> demand).count++;
    }
    return byShape.values();
  }

  /** The set of nodes changed: infeasible tasks may fit now. */
  void nodesChanged() {
    int count = infeasible.size();
    for (int i = 0; i < count; i++) {
      PendingTask task = infeasible.poll();
      if (task == null) {
        break;
      }
      if (pending.containsKey(task.taskId)) {
        schedule(task);
      }
    }
  }

  /** A busy node handed a task back (or its cache partition moved): place it again. */
  void onSpill(UUID from, WireCodec.Spill spill) {
    PendingTask task = pending.get(spill.taskId());
    if (task == null || task.attempt != spill.attempt() || !from.equals(task.node)) {
      return;
    }
    scheduler.finished(from);
    task.node = null;
    task.spilled = true;
    schedule(task, from);
  }

  void onResult(TaskResult result) {
    PendingTask task = pending.get(result.taskId);
    if (task == null || task.attempt != result.attempt) {
      return; // finished already, or a result of an attempt we gave up on
    }
    if (task.kind == TaskSpec.Kind.ACTOR_CALL) {
      if (result.failed() && ActorHost.NOT_HERE.equals(result.errorClassName)) {
        runtime.actors().reroute(task, result.executedOn);
        return;
      }
    } else if (task.node != null) {
      scheduler.finished(task.node);
    }
    if (result.failed() && task.cancelled) {
      fail(task, cancelledError(task));
      return;
    }
    if (task.generator != null) {
      endStream(task, result);
      return;
    }
    if (result.failed()) {
      if (task.hasRetriesLeft() && task.options.retries(result.errorClassName,
          task.function.deployClass.getClassLoader())) {
        LOG.debug("Task {} failed with {}; retrying (attempt {})", task.name,
            result.errorClassName, task.attempt + 1);
        task.attempt++;
        task.node = null;
        task.spilled = false;
        if (task.kind == TaskSpec.Kind.ACTOR_CALL) {
          task.lastResult = result; // the mailbox ran this number: the retry goes with a new one
        }
        schedule(task);
        return;
      }
      task.lastResult = result;
      fail(task, runtime.objects().deserializeError(result.error));
      return;
    }
    if (pending.remove(result.taskId) == null) {
      return;
    }
    if (result.returns.length != task.returns.length) {
      RayException error = new RayException("task " + task.name + " produced "
          + result.returns.length + " objects, expected " + task.returns.length);
      for (ObjectEntry entry : task.returns) {
        entry.location.completeExceptionally(error);
      }
      return;
    }
    history.add(info(task, TaskState.FINISHED, result.executedOn, result, null));
    finished(task);
    boolean stored = false;
    for (ObjectLocation location : result.returns) {
      stored |= location instanceof ObjectLocation.Stored;
    }
    Lineage lineage = Lineage.of(task, stored);
    for (int i = 0; i < task.returns.length; i++) {
      if (task.kind != TaskSpec.Kind.ACTOR_CREATION && task.lineage == null) {
        // a creation's "return" is no one's object; a re-run's objects are listed already
        runtime.objects().recordCreated(task.returns[i].id, result.returns[i], task.name);
      }
      if (lineage != null && result.returns[i] instanceof ObjectLocation.Stored) {
        task.returns[i].producer = lineage;
      }
      runtime.objects().ready(task.returns[i], result.returns[i]);
    }
    if (result.refsKept != null) {
      for (int index : result.refsKept) {
        runtime.objects().containerReceived(task.returns[index], result.executedOn);
      }
    }
    if (task.lineage != null) {
      task.lineage.runEnded();
    }
  }

  /**
   * {@code entry}, which this node owns, was found lost at {@code lost}: runs the task that made
   * it again, once however many readers ask, and returns the entry's location to come. Lost
   * inputs of that task are made again in turn when its run reads them; inputs freed since are
   * made again from their own lineage first.
   */
  CompletableFuture<ObjectLocation> rebuild(ObjectEntry entry, ObjectLocation lost) {
    Lineage lineage = entry.producer;
    if (lineage == null) {
      return CompletableFuture.failedFuture(new ObjectLostException("object " + entry.id
          + " is lost: the node that stored it left the cluster, no copy is left, and it was not "
          + "made by a task that can run again (a put, an actor call's or a stream's result); keep "
          + "copies with RayConfig.objectStoreBackups"));
    }
    Lineage.Run run;
    synchronized (lineage) {
      if (!lost.equals(ObjectManager.locationIfReady(entry))) {
        return entry.location; // made again already, or being made
      }
      run = lineage.startRun(runtime.objects());
    }
    if (run == null) {
      return CompletableFuture.failedFuture(retriesUsedUp(lineage, entry.id));
    }
    if (run.isNew()) {
      runAgain(lineage, run.returns());
    }
    return entry.location;
  }

  private static ObjectLostException retriesUsedUp(Lineage lineage, ObjectId id) {
    return new ObjectLostException("object " + id + " is lost with the node that stored it, and "
        + "task " + lineage.name + " that made it cannot run again to make it: its "
        + lineage.attempts() + " runs used up maxRetries=" + lineage.options.maxRetries);
  }

  /** Submits a run of {@code lineage} that completes {@code returns}. */
  private void runAgain(Lineage lineage, ObjectEntry[] returns) {
    TaskArg[] args = lineage.args.clone();
    ObjectEntry[] dependencies = null;
    for (int i = 0; i < args.length; i++) {
      ObjectId inputId = lineage.inputIds[i];
      if (inputId == null) {
        continue;
      }
      ObjectEntry input = lineage.input(i);
      if (input == null) {
        input = inputAgain(lineage, i);
      }
      if (input == null) {
        ObjectLostException error = new ObjectLostException("object " + returns[0].id + " is lost "
            + "and task " + lineage.name + " cannot run again to make it: its input " + inputId
            + " was freed and cannot be made again");
        lineage.runEnded();
        for (ObjectEntry entry : returns) {
          entry.location.completeExceptionally(error);
        }
        return;
      }
      if (dependencies == null) {
        dependencies = new ObjectEntry[args.length];
      }
      dependencies[i] = input;
      args[i] = null;
    }
    PendingTask task = new PendingTask(lineage.taskId, lineage.name, lineage.function,
        lineage.captured, args, dependencies, lineage.options, returns);
    task.lineage = lineage;
    task.contained = lineage.contained;
    task.jobId = lineage.jobId;
    task.namespace = lineage.namespace;
    task.attempt = lineage.attempts() - 1;
    LOG.info("Running task {} again (run {}) to make its lost objects again", task.name,
        task.attempt + 1);
    pending.put(task.taskId, task);
    if (dependencies == null) {
      schedule(task);
    } else {
      whenDependenciesReady(task);
    }
  }

  /** An input of {@code lineage} that was freed, made again from its own lineage; null if it cannot be. */
  private ObjectEntry inputAgain(Lineage lineage, int position) {
    Lineage producer = lineage.inputLineage[position];
    if (producer == null) {
      return null;
    }
    Lineage.Run run = producer.startRun(runtime.objects());
    if (run == null) {
      return null;
    }
    if (run.isNew()) {
      runAgain(producer, run.returns());
    }
    return run.returns()[lineage.inputIds[position].getIndex()];
  }

  private void finished(PendingTask task) {
    if (task.kind == TaskSpec.Kind.ACTOR_CALL) {
      runtime.actors().callFinished(task);
    }
    if (task.parent != null) {
      Set<TaskId> siblings = children.get(task.parent);
      if (siblings != null) {
        siblings.remove(task.taskId);
      }
    }
  }

  /**
   * Cancels a task this node owns: one not sent yet never starts; one sent is cancelled on its
   * node (interrupted if running); {@code force} fails it here at once without waiting.
   */
  void cancel(TaskId taskId, boolean force, boolean recursive) {
    PendingTask task = pending.get(taskId);
    if (task == null) {
      return; // finished (or never ours): nothing to do
    }
    task.cancelled = true;
    UUID node = task.node;
    if (node == null) {
      infeasible.remove(task);
      fail(task, cancelledError(task));
      if (recursive) {
        cancelChildren(taskId, force);
      }
      return;
    }
    runtime.sendCancel(node, new WireCodec.Cancel(taskId, task.attempt, force, recursive, false));
    if (force) {
      fail(task, cancelledError(task));
    }
  }

  /** Cancels the tasks that {@code parent} (which ran on this node) submitted, and theirs. */
  void cancelChildren(TaskId parent, boolean force) {
    Set<TaskId> submitted = children.remove(parent);
    if (submitted != null) {
      for (TaskId child : submitted) {
        cancel(child, force, true);
      }
    }
  }

  /** The task that ran here finished: its children can no longer be cancelled through it. */
  void parentFinished(TaskId parent) {
    children.remove(parent);
  }

  private static RayException cancelledError(PendingTask task) {
    return new org.rayonignite.api.exception.TaskCancelledException("task " + task.name + " ("
        + task.taskId + ") was cancelled");
  }

  /** A node left: its tasks run again elsewhere while retries are left, else fail. */
  void nodeLeft(UUID node) {
    scheduler.nodeLeft(node);
    for (PendingTask task : pending.values()) {
      if (!node.equals(task.node) || task.kind == TaskSpec.Kind.ACTOR_CALL) {
        continue; // calls of an actor on that node follow the actor: the ActorManager sees to them
      }
      if (task.kind == TaskSpec.Kind.ACTOR_CREATION && runtime.actors().wasAliveOn(task.actorId, node)) {
        // The constructor ran there (its result was lost with the node): the creation is done;
        // what happens to the actor now is the ActorManager's (restart or death).
        if (pending.remove(task.taskId, task)) {
          for (ObjectEntry entry : task.returns) {
            entry.location.complete(new ObjectLocation.Inline(serializer.serialize(null), false));
          }
        }
        continue;
      }
      task.node = null;
      if (task.hasRetriesLeft()) {
        // A stream runs again from its start; the elements that arrived already are not taken
        // twice (see onGeneratorItem), so the caller reads on where it was.
        LOG.info("Node {} left while running task {}; retrying it (attempt {})",
            Scheduler.describe(node), task.name, task.attempt + 1);
        task.attempt++;
        task.spilled = false;
        schedule(task);
      } else {
        fail(task, new NodeDiedException("task " + task.name + " was running on node "
            + Scheduler.describe(node) + ", which left the cluster; its retries are used up "
            + "(maxRetries=" + task.options.maxRetries + ")"));
      }
    }
  }

  /** A streaming task's end: after its elements, or at the position it failed. */
  private void endStream(PendingTask task, TaskResult result) {
    if (pending.remove(task.taskId) == null) {
      return;
    }
    RayException error = result.failed() ? runtime.objects().deserializeError(result.error) : null;
    history.add(info(task, error == null ? TaskState.FINISHED : TaskState.FAILED, result.executedOn,
        result, error == null ? null : error.getMessage()));
    finished(task);
    task.generator.end(result.itemCount, error);
    if (task.generator.isComplete()) {
      streams.remove(task.taskId);
    }
  }

  /** Element {@code item.index()} of a streaming task arrived (possibly after its end). */
  void onGeneratorItem(WireCodec.GeneratorItem item) {
    GeneratorState stream = streams.get(item.taskId());
    if (stream == null) {
      return;
    }
    PendingTask task = pending.get(item.taskId());
    if (task != null && item.attempt() != task.attempt) {
      return; // from an attempt whose node left: the run after it makes the element again
    }
    if (!stream.item(item.index(), item.location())) {
      // A run after a node loss made again an element that had arrived: keep the first, and
      // tell the producer how far the caller read, so backpressure lets it catch up.
      stream.discard(item.location());
      if (task != null && task.options.generatorBackpressure > 0) {
        stream.acknowledgeTaken();
      }
      return;
    }
    runtime.objects().recordCreated(ObjectId.of(item.taskId(), item.index()), item.location(),
        task != null ? task.name : "(stream)");
    if (stream.isComplete()) {
      streams.remove(item.taskId());
    }
  }

  /** Fails the task's returns with {@code error}; nothing more of it will run from here. */
  void fail(PendingTask task, RayException error) {
    if (pending.remove(task.taskId) == null) {
      return;
    }
    if (task.generator != null) {
      task.generator.failHere(error);
      streams.remove(task.taskId);
    }
    if (task.lineage != null) {
      task.lineage.runEnded();
    }
    TaskResult last = task.lastResult;
    history.add(info(task, TaskState.FAILED, last != null ? last.executedOn : task.node, last,
        error.getMessage()));
    finished(task);
    for (ObjectEntry entry : task.returns) {
      entry.location.completeExceptionally(error);
    }
  }

  /** Fails every pending task: the runtime is stopping. */
  void failAll(RayException error) {
    for (PendingTask task : pending.values()) {
      fail(task, error);
    }
    infeasible.clear();
  }

  /** The pending task of {@code taskId}, or null. */
  PendingTask pending(TaskId taskId) {
    return pending.get(taskId);
  }

  /** Tasks submitted here and not finished. */
  int pendingCount() {
    return pending.size();
  }

  /** Tasks submitted here that no live node can run now (counts them: for metrics only). */
  int infeasibleCount() {
    return infeasible.size();
  }

  /** Tasks not finished, then the last finished ones. */
  List<TaskInfo> listTasks() {
    Set<UUID> sentTo = new HashSet<>();
    for (PendingTask task : pending.values()) {
      UUID node = task.node;
      if (node != null) {
        sentTo.add(node);
      }
    }
    return listTasks(RunningTasksQuery.ask(runtime.ignite(), sentTo, runtime.localNodeId()));
  }

  /**
   * Tasks not finished, then the last finished ones; those sent to a node show as RUNNING if in
   * {@code running}, else as SUBMITTED_TO_WORKER.
   */
  List<TaskInfo> listTasks(Set<TaskId> running) {
    List<TaskInfo> tasks = new ArrayList<>();
    List<PendingTask> unfinished = new ArrayList<>(pending.values());
    for (PendingTask task : unfinished) {
      UUID node = task.node;
      TaskState state = node != null
          ? running.contains(task.taskId) ? TaskState.RUNNING : TaskState.SUBMITTED_TO_WORKER
          : hasUnreadyDependency(task) ? TaskState.PENDING_ARGS_AVAIL : TaskState.PENDING_NODE_ASSIGNMENT;
      tasks.add(info(task, state, node, null, null));
    }
    tasks.addAll(history.list());
    return tasks;
  }

  long droppedTasks() {
    return history.dropped();
  }

  private static boolean hasUnreadyDependency(PendingTask task) {
    if (task.dependencies != null) {
      for (ObjectEntry dependency : task.dependencies) {
        if (dependency != null && !dependency.isReady()) {
          return true;
        }
      }
    }
    return false;
  }

  private static TaskInfo info(PendingTask task, TaskState state, UUID node, TaskResult result,
      String error) {
    return new TaskInfo(task.taskId, task.name, state, node == null ? null : NodeId.of(node),
        task.attempt + 1, result == null || result.inputsLocal, result == null ? 0 : result.bytesFetched,
        error, typeOf(task.kind), task.actorId);
  }

  static TaskType typeOf(TaskSpec.Kind kind) {
    return switch (kind) {
      case TASK -> TaskType.NORMAL_TASK;
      case ACTOR_CREATION -> TaskType.ACTOR_CREATION_TASK;
      case ACTOR_CALL -> TaskType.ACTOR_TASK;
    };
  }
}
