package org.rayonignite.runtime;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RaySerializationException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.exception.TaskCancelledException;

/**
 * Runs tasks, actor constructors and actor calls on this node: resolves the function and its
 * arguments, calls it with the task's context set, stores the return objects (small ones inline
 * in the result, large ones in this node's partition of the object store) and sends the result to
 * the task's owner.
 */
final class TaskRunner {
  private final NodeRuntime runtime;

  TaskRunner(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  /** Runs a task (or an actor's constructor); returns the sending of its result, for the executor to do. */
  Runnable run(TaskSpec spec, NodeExecutor executor) {
    boolean envWorker = runtime.isEnvWorker();
    PartitionReservation reservation = null;
    if (spec.affinityCache != null && !envWorker) { // the node that sent it to us holds the partition
      reservation = PartitionReservation.reserve(runtime.ignite(), spec.affinityCache, spec.affinityPartition);
      if (reservation == null) {
        // The partition moved since the owner placed the task: it places it again.
        runtime.sendSpill(spec.taskId.getOwnerUuid(), new WireCodec.Spill(spec.taskId, spec.attempt));
        return null;
      }
    }
    try {
      if (envWorker) { // sent by the node the owner chose, which passes the result on
        TaskResult result = runReserved(spec, executor);
        return () -> runtime.sendEnvResult(result);
      }
      TaskResult result = RuntimeEnvs.needsOwnJvm(spec.env) ? runtime.envWorkers().run(spec, executor)
          : runReserved(spec, executor);
      return () -> runtime.deliverResult(spec.taskId.getOwnerUuid(), result);
    } finally {
      if (reservation != null) {
        reservation.close();
      }
    }
  }

  private TaskResult runReserved(TaskSpec spec, NodeExecutor executor) {
    runtime.metrics().taskStarted(spec);
    long startMicros = MicrosClock.now();
    TaskContext previous = TaskContext.enter(new TaskContext(runtime, spec, executor, null));
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    RayException envError = useEnvJars(spec);
    ClassLoader loader = spec.classLoader();
    thread.setContextClassLoader(loader);
    TaskResult result;
    try {
      // Cancelled between admission and this thread: never started (the check below reports it).
      Outcome outcome = envError != null ? new Outcome(null, envError, envError, new ObjectManager.InputStats())
          : executor != null && executor.isCancelled(spec.taskId)
          ? new Outcome(null, null, null, new ObjectManager.InputStats()) : call(spec, loader, null);
      runtime.submitter().parentFinished(spec.taskId);
      if (executor != null && executor.isCancelled(spec.taskId)) {
        outcome = new Outcome(null, new TaskCancelledException("task " + spec.name + " ("
            + spec.taskId + ") was cancelled"), null, outcome.inputs);
      }
      if (spec.kind == TaskSpec.Kind.ACTOR_CREATION && outcome.error == null) {
        runtime.actorHost().created(spec, outcome.value, executor);
        outcome = new Outcome(null, null, null, outcome.inputs);
      }
      result = spec.numReturns == TaskSpec.STREAMING && outcome.error == null
          ? stream(spec, outcome) : result(spec, outcome);
      if (executor != null && executor.isCancelled(spec.taskId) && !result.failed()) {
        result = failed(spec, new TaskCancelledException("task " + spec.name + " (" + spec.taskId
            + ") was cancelled"), null).withItems(result.itemCount);
      }
      if (spec.kind == TaskSpec.Kind.TASK) {
        runtime.metrics().taskEnded(spec, result.failed(), outcome.inputs.allLocal);
      }
    } finally {
      thread.setContextClassLoader(previousLoader);
      TaskContext.restore(previous);
      if (!spec.runByWaitingCaller) { // that thread's own interrupt is its own (see NodeExecutor.Running#giveBack)
        Thread.interrupted(); // an interrupted task must not leave the flag on the pooled thread
      }
    }
    runtime.recordRun(spec, startMicros, thread.getId(), result);
    return result;
  }

  /**
   * Runs a call of a hosted actor on this (actor pool) thread. A method that returns a
   * {@code CompletableFuture} frees the actor's slot at once; its result goes out when the
   * future completes.
   */
  void runActorCall(TaskSpec call, HostedActor actor) {
    long startMicros = MicrosClock.now();
    TaskContext previous = TaskContext.enter(new TaskContext(runtime, call, null, actor));
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    call.envLoader = actor.creation.envLoader; // the actor's jars, if its env has any
    ClassLoader loader = call.classLoader();
    thread.setContextClassLoader(loader);
    Outcome outcome;
    try {
      actor.started(call);
      outcome = call(call, loader, actor.instance);
      if (call.numReturns == TaskSpec.STREAMING && outcome.error == null) {
        TaskResult streamed = stream(call, outcome);
        actor.finishedWasCancelled(call);
        deliverCallResult(call, streamed, startMicros, thread.getId());
        actor.callDone();
        return;
      }
      if (actor.finishedWasCancelled(call)) {
        outcome = new Outcome(null, new TaskCancelledException("actor call " + call.name + " ("
            + call.taskId + ") was cancelled"), null, outcome.inputs);
      }
    } finally {
      thread.setContextClassLoader(previousLoader);
      TaskContext.restore(previous);
      Thread.interrupted();
    }
    if (outcome.original instanceof ActorExit) {
      runtime.actorHost().exited(actor);
    }
    if (outcome.error == null && outcome.value instanceof CompletableFuture<?> future) {
      actor.callDone();
      ObjectManager.InputStats inputs = outcome.inputs;
      long threadId = thread.getId();
      future.whenComplete((value, error) -> {
        Outcome done = error == null ? new Outcome(value, null, null, inputs)
            : failure(call, error instanceof CompletionException && error.getCause() != null
                ? error.getCause() : error, inputs);
        deliverCallResult(call, result(call, afterDeath(actor, done)), startMicros, threadId);
      });
      return;
    }
    deliverCallResult(call, result(call, afterDeath(actor, outcome)), startMicros, thread.getId());
    actor.callDone();
  }

  /**
   * Points the task at the class loader of its env's jars on this node (made and cached on first
   * use); returns why that cannot be done, or null.
   */
  private RayException useEnvJars(TaskSpec spec) {
    if (spec.env == null || spec.env.getJars().isEmpty()) {
      return null;
    }
    try {
      spec.envLoader = runtime.envClassLoaders().loaderFor(spec.env.getJars(), spec.deployLoader());
      return null;
    } catch (RuntimeEnvException e) {
      return envError(spec, e);
    }
  }

  /** The failure of work whose runtime env cannot be set up here. */
  RayTaskException envError(TaskSpec spec, RuntimeEnvException e) {
    return new RayTaskException(what(spec) + spec.name + " cannot run on node "
        + runtime.describeLocalNode() + ": its runtime env cannot be set up: " + e.getMessage(), e);
  }

  private static String what(TaskSpec spec) {
    return spec.kind == TaskSpec.Kind.TASK ? "Task " : spec.kind == TaskSpec.Kind.ACTOR_CALL
        ? "Actor method " : "Actor constructor ";
  }

  /** Records the run of an actor call (on thread {@code threadId} from {@code startMicros}), then sends its result. */
  private void deliverCallResult(TaskSpec call, TaskResult result, long startMicros, long threadId) {
    runtime.recordRun(call, startMicros, threadId, result);
    runtime.metrics().actorCallEnded(result.failed());
    runtime.deliverResult(call.taskId.getOwnerUuid(), result);
  }

  /**
   * Runs a streaming task's iteration on this thread: each element becomes an object and goes to
   * the owner at once; the producer waits when it is too far ahead of the caller (backpressure).
   * Returns the end: the element count, and the failure if one came.
   */
  private TaskResult stream(TaskSpec spec, Outcome outcome) {
    java.util.Iterator<?> elements;
    try {
      elements = iterator(spec, outcome.value);
    } catch (RayException e) {
      return failed(spec, e, e).withItems(0);
    }
    java.util.UUID owner = spec.taskId.getOwnerUuid();
    GeneratorFlow flow = runtime.openFlow(spec);
    int count = 0;
    try {
      while (elements.hasNext()) {
        ObjectLocation location = store(spec, count, elements.next());
        runtime.sendGeneratorItem(owner, new WireCodec.GeneratorItem(spec.taskId, spec.attempt,
            count, location));
        count++;
        flow.awaitRoom(count);
      }
      return new TaskResult(spec.taskId, spec.attempt, runtime.localNodeId(), new ObjectLocation[0],
          null, null).withInputs(outcome.inputs.allLocal, outcome.inputs.bytesFetched).withItems(count);
    } catch (Throwable error) {
      if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
        throw (VirtualMachineError) error;
      }
      RayException failure = error instanceof RayException ray ? ray
          : new RayTaskException("Streaming task " + spec.name + " failed on node "
              + runtime.describeLocalNode() + " after " + count + " elements: " + error, error);
      return failed(spec, failure, error).withItems(count);
    } finally {
      runtime.closeFlow(spec.taskId);
      if (outcome.value instanceof java.util.stream.BaseStream<?, ?> stream) {
        stream.close();
      }
    }
  }

  private static java.util.Iterator<?> iterator(TaskSpec spec, Object value) {
    if (value instanceof java.util.Iterator<?> iterator) {
      return iterator;
    }
    if (value instanceof Iterable<?> iterable) {
      return iterable.iterator();
    }
    if (value instanceof java.util.stream.BaseStream<?, ?> stream) {
      return stream.iterator();
    }
    throw new RayTaskException("Streaming task " + spec.name + " returned "
        + (value == null ? "null" : value.getClass().getName())
        + ", not an Iterator, Iterable or Stream");
  }

  /** A call of an actor that died meanwhile reports the death, not its own outcome. */
  private Outcome afterDeath(HostedActor actor, Outcome outcome) {
    String cause = actor.deathCause();
    if (cause == null) {
      return outcome;
    }
    return new Outcome(null, runtime.actorHost().deathError(actor.id, cause), outcome.original,
        outcome.inputs);
  }

  /** What calling a function gave: its value, or the error get will throw and what was thrown. */
  private record Outcome(Object value, RayException error, Throwable original,
      ObjectManager.InputStats inputs) {}

  private Outcome call(TaskSpec spec, ClassLoader loader, Object receiver) {
    ObjectManager.InputStats inputs = new ObjectManager.InputStats();
    FunctionResolver.Invoker invoker;
    try {
      invoker = runtime.functions().resolve(spec.function, loader);
    } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
      return new Outcome(null, new RayTaskException("Task " + spec.name + " cannot run on node "
          + runtime.describeLocalNode() + ": its function " + spec.function.className + "."
          + spec.function.methodName + " cannot be loaded (" + e + "). Put the class on the node's "
          + "class path or enable peer class loading.", e), e, inputs);
    }
    Object[] arguments;
    try {
      arguments = arguments(spec, loader, inputs, receiver);
    } catch (RayException e) {
      return new Outcome(null, e, e, inputs);
    }
    try {
      return new Outcome(invoker.invoke(arguments), null, null, inputs);
    } catch (Throwable error) {
      if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
        throw (VirtualMachineError) error;
      }
      return failure(spec, error, inputs);
    }
  }

  private Outcome failure(TaskSpec spec, Throwable error, ObjectManager.InputStats inputs) {
    if (error instanceof ActorExit) {
      return new Outcome(null, new org.rayonignite.api.exception.RayActorException("the actor "
          + spec.actorId + " exited (Ray.exitActor() in " + spec.name + ")"), error, inputs);
    }
    return new Outcome(null, new RayTaskException(what(spec) + spec.name + " failed on node "
        + runtime.describeLocalNode() + ": " + error, error), error, inputs);
  }

  private TaskResult result(TaskSpec spec, Outcome outcome) {
    ObjectManager.InputStats inputs = outcome.inputs;
    if (outcome.error == null) {
      try {
        List<Integer> refsKept = new ArrayList<>(0);
        TaskResult result = new TaskResult(spec.taskId, spec.attempt, runtime.localNodeId(),
            returns(spec, outcome.value, refsKept), null, null)
            .withInputs(inputs.allLocal, inputs.bytesFetched);
        if (!refsKept.isEmpty()) {
          result.refsKept = refsKept.stream().mapToInt(Integer::intValue).toArray();
        }
        return result;
      } catch (RayException e) {
        return failed(spec, e, e).withInputs(inputs.allLocal, inputs.bytesFetched);
      }
    }
    return failed(spec, outcome.error, outcome.original != null ? outcome.original : outcome.error)
        .withInputs(inputs.allLocal, inputs.bytesFetched);
  }

  /** Captured values, then the receiver (actor calls), then the arguments. */
  private Object[] arguments(TaskSpec spec, ClassLoader loader, ObjectManager.InputStats inputs,
      Object receiver) {
    Object[] captured = spec.captured == null ? RayFunction.NO_CAPTURES
        : (Object[]) capturedValues(spec, loader);
    int offset = captured.length + (receiver != null ? 1 : 0);
    Object[] arguments = new Object[offset + spec.args.length];
    System.arraycopy(captured, 0, arguments, 0, captured.length);
    if (receiver != null) {
      arguments[captured.length] = receiver;
    }
    for (int i = 0; i < spec.args.length; i++) {
      TaskArg arg = spec.args[i];
      try {
        arguments[offset + i] = arg.kind() == TaskArg.Kind.VALUE
            ? runtime.serializer().deserialize(arg.value(), loader)
            : runtime.objects().valueAt(arg.refId(), arg.location(), -1, inputs, loader);
      } catch (RaySerializationException e) {
        throw inputError(spec, i, e);
      }
    }
    return arguments;
  }

  /** Argument {@code index} of the task, or (-1) the values its lambda captured. */
  private Object capturedValues(TaskSpec spec, ClassLoader loader) {
    try {
      return runtime.serializer().deserialize(spec.captured, loader);
    } catch (RaySerializationException e) {
      throw inputError(spec, -1, e);
    }
  }

  /** Input {@code index} (-1: the lambda's captured values) cannot be deserialized here. */
  private RaySerializationException inputError(TaskSpec spec, int index, RaySerializationException e) {
    String what = index < 0 ? "a value captured by the lambda" : "argument " + index;
    return new RaySerializationException(what + " of " + spec.name + " cannot be deserialized on "
        + "node " + runtime.describeLocalNode() + ": " + e.getMessage(), e.getFailedClassName(), e);
  }

  /** Stores the returns; adds to {@code refsKept} those whose values hold refs this node keeps for them. */
  private ObjectLocation[] returns(TaskSpec spec, Object value, List<Integer> refsKept) {
    if (spec.numReturns == 1) {
      return new ObjectLocation[] {storeKeepingRefs(spec, 0, value, refsKept)};
    }
    List<Object> values = elements(spec, value);
    ObjectLocation[] locations = new ObjectLocation[values.size()];
    for (int i = 0; i < locations.length; i++) {
      locations[i] = storeKeepingRefs(spec, i, values.get(i), refsKept);
    }
    return locations;
  }

  /**
   * Stores return {@code index}; the refs its value holds are kept here until its owner says the
   * return is gone (by then, whoever read them borrows them from their owners).
   */
  private ObjectLocation storeKeepingRefs(TaskSpec spec, int index, Object value, List<Integer> refsKept) {
    List<ObjectEntry> previous = ObjectManager.beginHoldingRefs();
    ObjectLocation location;
    ObjectEntry[] held;
    try {
      location = store(spec, index, value);
    } finally {
      held = ObjectManager.endHoldingRefs(previous);
    }
    if (held != null) {
      runtime.objects().keepForContainer(ObjectId.of(spec.taskId, index), held);
      refsKept.add(index);
    }
    return location;
  }

  private static List<Object> elements(TaskSpec spec, Object value) {
    List<Object> values = new ArrayList<>(spec.numReturns);
    if (value instanceof List<?> list) {
      values.addAll(list);
    } else if (value != null && value.getClass().isArray()) {
      for (int i = 0, n = Array.getLength(value); i < n; i++) {
        values.add(Array.get(value, i));
      }
    } else if (value instanceof Iterator<?> iterator) {
      while (iterator.hasNext() && values.size() <= spec.numReturns) {
        values.add(iterator.next());
      }
    } else if (value instanceof Iterable<?> iterable) {
      iterable.forEach(values::add);
    } else if (spec.numReturns == 0 && value == null) {
      return values;
    } else {
      throw new RayTaskException("Task " + spec.name + " has setNumReturns(" + spec.numReturns
          + ") but returned " + (value == null ? "null" : value.getClass().getName())
          + ", not a List, array or Iterator of " + spec.numReturns + " elements");
    }
    if (values.size() != spec.numReturns) {
      throw new RayTaskException("Task " + spec.name + " returned " + values.size()
          + (values.size() > spec.numReturns ? " or more" : "") + " objects but setNumReturns("
          + spec.numReturns + ") expects " + spec.numReturns);
    }
    return values;
  }

  private ObjectLocation store(TaskSpec spec, int index, Object value) {
    byte[] bytes;
    try {
      bytes = runtime.objects().encode(value);
    } catch (RaySerializationException e) {
      throw new RaySerializationException("Task " + spec.name + " returned a value that cannot be "
          + "serialized: " + e.getMessage(), e.getFailedClassName(), e);
    }
    return runtime.objects().storeReturn(ObjectId.of(spec.taskId, index), value, bytes);
  }

  private TaskResult failed(TaskSpec spec, RayException error, Throwable original) {
    return new TaskResult(spec.taskId, spec.attempt, runtime.localNodeId(), null,
        runtime.objects().serializeError(error), (original != null ? original : error).getClass().getName());
  }
}
