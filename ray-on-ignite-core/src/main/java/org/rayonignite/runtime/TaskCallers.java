package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.api.call.MultiReturnTaskCaller;
import org.rayonignite.api.call.StreamingTaskCaller;
import org.rayonignite.api.call.TaskCaller;
import org.rayonignite.api.call.VoidTaskCaller;

/** The concrete task callers: one return, no return (void), several returns. */
final class TaskCallers {
  private TaskCallers() {}

  static final class Single<R> extends AbstractTaskCaller<TaskCaller<R>> implements TaskCaller<R> {
    Single(NodeRuntime runtime, RayFunction function, Object[] args) {
      super(runtime, function, args, new CallOptions.Builder());
    }

    @Override
    TaskCaller<R> self() {
      return this;
    }

    @Override
    public <E> MultiReturnTaskCaller<E> setNumReturns(int numReturns) {
      options.numReturns(numReturns);
      return new MultiReturn<>(runtime, function, args, options);
    }

    @Override
    public <E> StreamingTaskCaller<E> streaming() {
      options.streaming();
      return new Streaming<>(runtime, function, args, options);
    }

    @Override
    @SuppressWarnings("unchecked")
    public ObjectRef<R> remote() {
      return (ObjectRef<R>) (ObjectRef<?>) submit().get(0);
    }
  }

  static final class Void extends AbstractTaskCaller<VoidTaskCaller> implements VoidTaskCaller {
    Void(NodeRuntime runtime, RayFunction function, Object[] args) {
      super(runtime, function, args, new CallOptions.Builder());
    }

    @Override
    VoidTaskCaller self() {
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public ObjectRef<java.lang.Void> remote() {
      return (ObjectRef<java.lang.Void>) (ObjectRef<?>) submit().get(0);
    }
  }

  static final class Streaming<E> extends AbstractTaskCaller<StreamingTaskCaller<E>>
      implements StreamingTaskCaller<E> {
    Streaming(NodeRuntime runtime, RayFunction function, Object[] args, CallOptions.Builder options) {
      super(runtime, function, args, options);
    }

    @Override
    StreamingTaskCaller<E> self() {
      return this;
    }

    @Override
    public StreamingTaskCaller<E> setGeneratorBackpressure(int maxUnconsumed) {
      options.generatorBackpressure(maxUnconsumed);
      return this;
    }

    @Override
    public <T> ObjectRefGenerator<T> remote() {
      return runtime.submitStreaming(function, args, options.build(), null);
    }
  }

  static final class MultiReturn<E> extends AbstractTaskCaller<MultiReturnTaskCaller<E>>
      implements MultiReturnTaskCaller<E> {
    MultiReturn(NodeRuntime runtime, RayFunction function, Object[] args, CallOptions.Builder options) {
      super(runtime, function, args, options);
    }

    @Override
    MultiReturnTaskCaller<E> self() {
      return this;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> List<ObjectRef<T>> remote() {
      List<ObjectRef<T>> refs = new ArrayList<>();
      for (ObjectRefImpl<Object> ref : submit()) {
        refs.add((ObjectRef<T>) (ObjectRef<?>) ref);
      }
      return refs;
    }
  }
}
