package org.rayonignite.api.actor;

import java.util.List;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;

/**
 * A call of an actor method. {@link #remote()} submits it straight to the actor's node.
 *
 * @param <R> the method's return type
 */
public interface ActorTaskCaller<R> {
  /** A name for the call in state listings. Default: the method's name. */
  ActorTaskCaller<R> setName(String name);

  /** Whether any exception the method throws makes it re-run (up to the actor's maxTaskRetries). Default false. */
  ActorTaskCaller<R> setRetryExceptions(boolean retryExceptions);

  /** Re-run the method (up to the actor's maxTaskRetries) when it throws one of these classes. */
  ActorTaskCaller<R> setRetryExceptions(List<Class<? extends Throwable>> exceptionClasses);

  /** The call returns {@code numReturns} objects; see {@code TaskCaller.setNumReturns}. */
  MultiReturnActorTaskCaller setNumReturns(int numReturns);

  /** The call streams its results; see {@code TaskCaller.streaming}. */
  StreamingActorTaskCaller streaming();

  /** Submits the call and returns at once with the ref of its result. */
  ObjectRef<R> remote();

  /** An actor call with several return objects. */
  interface MultiReturnActorTaskCaller {
    /** Submits the call; one ref per return object, typed by the assignment. */
    <T> List<ObjectRef<T>> remote();
  }

  /** An actor call whose results stream back one element at a time. */
  interface StreamingActorTaskCaller {
    /** Pauses the producer while this many produced elements are not yet consumed. Default unbounded. */
    StreamingActorTaskCaller setGeneratorBackpressure(int maxUnconsumed);

    /** Submits the call; the generator yields one ref per element, typed by the assignment. */
    <T> ObjectRefGenerator<T> remote();
  }
}
