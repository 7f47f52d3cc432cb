package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.api.actor.ActorTaskCaller;
import org.rayonignite.api.exception.PendingCallsLimitExceededException;

/** A call of an actor method: options, then {@link #remote()} sends it straight to the actor. */
final class ActorTaskCallerImpl<R> implements ActorTaskCaller<R> {
  private final ActorHandleImpl<?> handle;
  private final RayFunction method;
  private final Object[] args;
  private final CallOptions.Builder options = new CallOptions.Builder();

  ActorTaskCallerImpl(ActorHandleImpl<?> handle, RayFunction method, Object[] args) {
    this.handle = handle;
    this.method = method;
    this.args = args;
    options.resources(java.util.Map.of("CPU", 0.0)); // a call holds nothing; the actor was placed
    options.maxRetries(0);
  }

  @Override
  public ActorTaskCaller<R> setName(String name) {
    options.name(name);
    return this;
  }

  @Override
  public ActorTaskCaller<R> setRetryExceptions(boolean retryExceptions) {
    options.retryExceptions(retryExceptions);
    return this;
  }

  @Override
  public ActorTaskCaller<R> setRetryExceptions(List<Class<? extends Throwable>> exceptionClasses) {
    options.retryExceptions(exceptionClasses);
    return this;
  }

  @Override
  public MultiReturnActorTaskCaller setNumReturns(int numReturns) {
    options.numReturns(numReturns);
    return new MultiReturnActorTaskCaller() {
      @Override
      @SuppressWarnings("unchecked")
      public <T> List<ObjectRef<T>> remote() {
        List<ObjectRef<T>> refs = new ArrayList<>();
        for (ObjectRefImpl<Object> ref : submit()) {
          refs.add((ObjectRef<T>) (ObjectRef<?>) ref);
        }
        return refs;
      }
    };
  }

  @Override
  public StreamingActorTaskCaller streaming() {
    options.streaming();
    return new StreamingActorTaskCaller() {
      @Override
      public StreamingActorTaskCaller setGeneratorBackpressure(int maxUnconsumed) {
        options.generatorBackpressure(maxUnconsumed);
        return this;
      }

      @Override
      public <T> ObjectRefGenerator<T> remote() {
        NodeRuntime runtime = handle.runtime();
        runtime.checkRunning();
        return runtime.actors().callStreaming(handle, method, args, options.build());
      }
    };
  }

  @Override
  @SuppressWarnings("unchecked")
  public ObjectRef<R> remote() {
    return (ObjectRef<R>) (ObjectRef<?>) submit().get(0);
  }

  private List<ObjectRefImpl<Object>> submit() {
    NodeRuntime runtime = handle.runtime();
    runtime.checkRunning();
    int limit = handle.maxPendingCalls();
    if (limit > 0 && handle.pendingCalls().incrementAndGet() > limit) {
      handle.pendingCalls().decrementAndGet();
      throw new PendingCallsLimitExceededException("the actor " + handle.getId() + " already has "
          + limit + " unfinished calls through this handle (maxPendingCalls=" + limit + ")");
    }
    CallOptions callOptions = options.build();
    List<ObjectRefImpl<Object>> refs;
    try {
      refs = runtime.actors().callMany(handle, method, args, withRetries(runtime, callOptions));
    } catch (RuntimeException e) {
      if (limit > 0) {
        handle.pendingCalls().decrementAndGet();
      }
      throw e;
    }
    if (limit > 0) {
      if (refs.isEmpty()) {
        handle.pendingCalls().decrementAndGet();
      } else {
        refs.get(0).entry().location.whenComplete((location, error) ->
            handle.pendingCalls().decrementAndGet());
      }
    }
    return refs;
  }

  /** Exception retries of actor calls are bounded by the actor's maxTaskRetries. */
  private CallOptions withRetries(NodeRuntime runtime, CallOptions callOptions) {
    if (!callOptions.retryAllExceptions && callOptions.retryExceptions.isEmpty()) {
      return callOptions;
    }
    ActorRecord record = runtime.actors().record(handle.getId());
    options.maxRetries(record == null ? 0 : record.maxTaskRetries);
    return options.build();
  }
}
