package org.rayonignite.runtime;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RaySerializationException;
import org.rayonignite.api.exception.RayTaskException;

/**
 * Runs one task on this node's task thread: resolves its function and arguments, calls it with
 * the task's context set, stores its return objects (small ones inline in the result, large ones
 * in the local partition of the object store) and sends the result to the task's owner.
 */
final class TaskRunner {
  private final NodeRuntime runtime;

  TaskRunner(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  void run(TaskSpec spec, NodeExecutor executor) {
    PartitionReservation reservation = null;
    if (spec.affinityCache != null) {
      reservation = PartitionReservation.reserve(runtime.ignite(), spec.affinityCache, spec.affinityPartition);
      if (reservation == null) {
        // The partition moved since the owner placed the task: it places it again.
        runtime.sendSpill(spec.taskId.getOwnerUuid(), new WireCodec.Spill(spec.taskId, spec.attempt));
        return;
      }
    }
    try {
      runReserved(spec, executor);
    } finally {
      if (reservation != null) {
        reservation.close();
      }
    }
  }

  private void runReserved(TaskSpec spec, NodeExecutor executor) {
    TaskContext previous = TaskContext.enter(new TaskContext(runtime, spec, executor));
    Thread thread = Thread.currentThread();
    ClassLoader previousLoader = thread.getContextClassLoader();
    ClassLoader loader = spec.classLoader();
    thread.setContextClassLoader(loader);
    TaskResult result;
    try {
      result = execute(spec, loader);
    } finally {
      thread.setContextClassLoader(previousLoader);
      TaskContext.restore(previous);
      Thread.interrupted(); // an interrupted task must not leave the flag on the pooled thread
    }
    runtime.deliverResult(spec.taskId.getOwnerUuid(), result);
  }

  private TaskResult execute(TaskSpec spec, ClassLoader loader) {
    FunctionResolver.Invoker invoker;
    try {
      invoker = runtime.functions().resolve(spec.function, loader);
    } catch (ReflectiveOperationException | LinkageError | IllegalArgumentException e) {
      return failed(spec, new RayTaskException("Task " + spec.name + " cannot run on node "
          + runtime.describeLocalNode() + ": its function " + spec.function.className + "."
          + spec.function.methodName + " cannot be loaded (" + e + "). Put the class on the node's "
          + "class path or enable peer class loading.", e), e);
    }
    Object[] arguments;
    ObjectManager.InputStats inputs = new ObjectManager.InputStats();
    try {
      arguments = arguments(spec, loader, inputs);
    } catch (RayException e) {
      return failed(spec, e, e).withInputs(inputs.allLocal, inputs.bytesFetched);
    }
    Object value;
    try {
      value = invoker.invoke(arguments);
    } catch (Throwable error) {
      if (error instanceof VirtualMachineError && !(error instanceof StackOverflowError)) {
        throw (VirtualMachineError) error;
      }
      return failed(spec, new RayTaskException("Task " + spec.name + " failed on node "
          + runtime.describeLocalNode() + ": " + error, error), error)
          .withInputs(inputs.allLocal, inputs.bytesFetched);
    }
    try {
      return new TaskResult(spec.taskId, spec.attempt, runtime.localNodeId(), returns(spec, value),
          null, null).withInputs(inputs.allLocal, inputs.bytesFetched);
    } catch (RayException e) {
      return failed(spec, e, e).withInputs(inputs.allLocal, inputs.bytesFetched);
    }
  }

  private Object[] arguments(TaskSpec spec, ClassLoader loader, ObjectManager.InputStats inputs) {
    Object[] captured = spec.captured == null ? RayFunction.NO_CAPTURES
        : (Object[]) runtime.serializer().deserialize(spec.captured, loader);
    Object[] arguments = new Object[captured.length + spec.args.length];
    System.arraycopy(captured, 0, arguments, 0, captured.length);
    for (int i = 0; i < spec.args.length; i++) {
      TaskArg arg = spec.args[i];
      byte[] bytes = arg.kind() == TaskArg.Kind.VALUE ? arg.value()
          : runtime.objects().bytesOf(arg.refId(), arg.location(), -1, inputs);
      arguments[captured.length + i] = runtime.serializer().deserialize(bytes, loader);
    }
    return arguments;
  }

  private ObjectLocation[] returns(TaskSpec spec, Object value) {
    if (spec.numReturns == 1) {
      return new ObjectLocation[] {store(spec, 0, value)};
    }
    List<Object> values = elements(spec, value);
    ObjectLocation[] locations = new ObjectLocation[values.size()];
    for (int i = 0; i < locations.length; i++) {
      locations[i] = store(spec, i, values.get(i));
    }
    return locations;
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
      bytes = runtime.serializer().serialize(value);
    } catch (RaySerializationException e) {
      throw new RaySerializationException("Task " + spec.name + " returned a value that cannot be "
          + "serialized: " + e.getMessage(), e.getFailedClassName(), e);
    }
    return runtime.objects().storeReturn(ObjectId.of(spec.taskId, index), bytes);
  }

  private TaskResult failed(TaskSpec spec, RayException error, Throwable original) {
    return new TaskResult(spec.taskId, spec.attempt, runtime.localNodeId(), null,
        runtime.objects().serializeError(error), original.getClass().getName());
  }
}
