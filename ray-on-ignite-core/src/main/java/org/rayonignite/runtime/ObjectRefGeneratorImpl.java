package org.rayonignite.runtime;

import java.lang.ref.Cleaner;
import java.util.NoSuchElementException;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;

/**
 * The caller's iterator over a streaming task's elements. {@code next()} blocks until the next
 * element or the end; each element taken is acknowledged to the producer when the call set a
 * backpressure bound. A generator dropped before its stream ended cancels the producer; the
 * elements it never handed out are deleted from the store.
 */
final class ObjectRefGeneratorImpl<T> implements ObjectRefGenerator<T> {
  /** One daemon thread for the JVM: the cleanups of dropped generators. */
  private static final Cleaner CLEANER = Cleaner.create(new DaemonThreads("ray-cleaner"));

  private final NodeRuntime runtime;
  private final GeneratorState state;
  private final boolean acknowledge;
  private int next;

  ObjectRefGeneratorImpl(NodeRuntime runtime, GeneratorState state, boolean acknowledge) {
    this.runtime = runtime;
    this.state = state;
    this.acknowledge = acknowledge;
    CLEANER.register(this, new Dropped(runtime, state));
  }

  @Override
  public boolean hasNext() {
    return state.await(next);
  }

  @Override
  @SuppressWarnings("unchecked")
  public ObjectRef<T> next() {
    if (!hasNext()) {
      throw new NoSuchElementException("streaming task " + state.taskId + " has no more elements");
    }
    ObjectRef<T> ref = (ObjectRef<T>) (ObjectRef<?>) new ObjectRefImpl<>(runtime, state.entry(next));
    next++;
    state.taken(next);
    if (acknowledge && state.producer != null) {
      runtime.sendGeneratorAck(state.producer, new WireCodec.GeneratorAck(state.taskId, next));
    }
    return ref;
  }

  org.rayonignite.api.TaskId taskId() {
    return state.taskId;
  }

  @Override
  public String toString() {
    return "ObjectRefGenerator(" + state.taskId + ", next=" + next + ")";
  }

  /** Cleanup of a dropped generator: stop the producer if it still runs, free what was not taken. */
  private record Dropped(NodeRuntime runtime, GeneratorState state) implements Runnable {
    @Override
    public void run() {
      if (runtime.isRunning() && !state.isOver()) {
        runtime.submitter().cancel(state.taskId, false, true);
      }
      state.dropped();
    }
  }
}
