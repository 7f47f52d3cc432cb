package org.rayonignite.runtime;

import java.io.ObjectStreamException;
import java.io.Serializable;
import java.util.concurrent.atomic.AtomicInteger;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.actor.ActorTaskCaller;
import org.rayonignite.api.function.RayFunc;

/**
 * A handle bound to the node runtime that made or received it. It travels as the actor's id and
 * its pending-calls limit; every copy reaches the same actor. Unfinished calls are counted per
 * handle object, as Ray counts them per handle in a process.
 */
final class ActorHandleImpl<A> implements ActorHandle<A> {
  private static final long serialVersionUID = 1L;

  private final ActorId id;
  private final int maxPendingCalls;
  private final transient NodeRuntime runtime;
  private final transient AtomicInteger pendingCalls = new AtomicInteger();

  ActorHandleImpl(NodeRuntime runtime, ActorId id, int maxPendingCalls) {
    this.runtime = runtime;
    this.id = id;
    this.maxPendingCalls = maxPendingCalls;
  }

  NodeRuntime runtime() {
    return runtime;
  }

  int maxPendingCalls() {
    return maxPendingCalls;
  }

  AtomicInteger pendingCalls() {
    return pendingCalls;
  }

  @Override
  public <R> ActorTaskCaller<R> newTaskCaller(RayFunc method, Object[] args) {
    return new ActorTaskCallerImpl<>(this, FunctionDescriptors.of(method), args);
  }

  @Override
  public ActorId getId() {
    return id;
  }

  @Override
  public void kill(boolean noRestart) {
    runtime.checkRunning();
    runtime.actors().kill(id, noRestart);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ActorHandle && ((ActorHandle<?>) other).getId().equals(id);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "ActorHandle(" + id + ")";
  }

  /** Java serialization: travel as the id, bound again where it is read. */
  private Object writeReplace() throws ObjectStreamException {
    return new SerializedHandle(id.getBytes(), maxPendingCalls);
  }

  private static final class SerializedHandle implements Serializable {
    private static final long serialVersionUID = 1L;
    private final byte[] id;
    private final int maxPendingCalls;

    SerializedHandle(byte[] id, int maxPendingCalls) {
      this.id = id;
      this.maxPendingCalls = maxPendingCalls;
    }

    private Object readResolve() throws ObjectStreamException {
      NodeRuntime runtime = NodeRuntime.currentOrDefault();
      if (runtime == null) {
        throw new java.io.InvalidObjectException("an ActorHandle can only be read where Ray is initialized");
      }
      return new ActorHandleImpl<>(runtime, ActorId.fromBytes(id), maxPendingCalls);
    }
  }
}
