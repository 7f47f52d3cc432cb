package org.rayonignite.examples;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.TaskCancelledException;

/** The Java snippets of Ray's Tasks page on multiple returns, generators and cancelling. */
final class ReturnsAndCancelExamples {
  private ReturnsAndCancelExamples() {}

  /** What the section saw, for {@code ExamplesTest}. */
  record Results(
      List<Integer> single,
      int multipleRefs,
      List<Integer> multiple,
      List<Integer> generated,
      List<Integer> streamed,
      String cancelled) {}

  /** By default a task returns a single object, whatever its shape. */
  static List<Integer> returnSingle() {
    return List.of(0, 1, 2);
  }

  /** The same function; called with setNumReturns(3), each element becomes an object of its own. */
  static List<Integer> returnMultiple() {
    return List.of(0, 1, 2);
  }

  /** Ray's generator form: the elements come from an Iterator (Python's yield). */
  static Iterator<Integer> returnMultipleAsGenerator() {
    return IntStream.range(0, 3).iterator();
  }

  /**
   * One-shot signals by number between the driver and its tasks: {@code await(n)} completes once
   * someone calls {@code signal(n)}, before or after. An async method, so a pending await does not
   * hold the actor.
   */
  static final class Signals {
    private final Map<Integer, CompletableFuture<Integer>> signals = new HashMap<>();

    int signal(int number) {
      signalFor(number).complete(number);
      return number;
    }

    CompletableFuture<Integer> await(int number) {
      return signalFor(number);
    }

    private CompletableFuture<Integer> signalFor(int number) {
      return signals.computeIfAbsent(number, n -> new CompletableFuture<>());
    }
  }

  /**
   * A streaming producer that makes element {@code i} only after the reader has signalled that it
   * read element {@code i - 1}: it can only finish if each element reaches the reader while the
   * task runs.
   */
  static Iterator<Integer> produceInStep(int count, ActorHandle<Signals> read) {
    return new Iterator<>() {
      private int next;

      @Override
      public boolean hasNext() {
        return next < count;
      }

      @Override
      public Integer next() {
        if (next >= count) {
          throw new NoSuchElementException();
        }
        if (next > 0) {
          read.taskAsync(Signals::await, next - 1).remote().get(60_000);
        }
        return next++;
      }
    };
  }

  /** Ray's example sleeps 10e6 seconds: until it is cancelled. It signals when it has started. */
  static int blockingOperation(ActorHandle<Signals> started) throws InterruptedException {
    started.task(Signals::signal, 0).remote();
    TimeUnit.DAYS.sleep(1);
    return 0;
  }

  static Results run() {
    // By default, a task returns only a single object ref.
    ObjectRef<List<Integer>> objectRef = Ray.task(ReturnsAndCancelExamples::returnSingle).remote();
    List<Integer> single = objectRef.get();
    System.out.println("return_single: one ref holding " + single);

    // However, a task can be configured to return multiple object refs.
    List<ObjectRef<Integer>> refs = Ray.task(ReturnsAndCancelExamples::returnMultiple)
        .setNumReturns(3).remote();
    List<Integer> multiple = Ray.get(refs);
    System.out.println("return_multiple: " + refs.size() + " refs holding " + multiple);

    // The generator form: as with a List, the refs are ready only once the task has produced all.
    List<ObjectRef<Integer>> generatedRefs = Ray.task(ReturnsAndCancelExamples::returnMultipleAsGenerator)
        .setNumReturns(3).remote();
    List<Integer> generated = Ray.get(generatedRefs);
    System.out.println("return_multiple_as_generator: " + generatedRefs.size() + " refs holding "
        + generated);

    // Streaming: the number of elements need not be known, and each is ready as soon as it is
    // made. This producer waits for each element to be read before it makes the next one.
    ActorHandle<Signals> read = Ray.actor(Signals::new).remote();
    ObjectRefGenerator<Integer> generator = Ray.task(ReturnsAndCancelExamples::produceInStep, 3, read)
        .streaming().remote();
    List<Integer> streamed = new ArrayList<>();
    for (ObjectRef<Integer> ref : generator) {
      int element = ref.get();
      streamed.add(element);
      read.task(Signals::signal, element).remote();
    }
    read.kill();
    System.out.println("streaming generator: read " + streamed + ", each while the task still ran"
        + " (it made each element only after the one before was read)");

    // Cancel a task: a running one is interrupted (one not started yet never starts), and get on
    // its ref throws TaskCancelledException. Here we wait until it runs, then cancel it.
    ActorHandle<Signals> started = Ray.actor(Signals::new).remote();
    ObjectRef<Integer> objRef = Ray.task(ReturnsAndCancelExamples::blockingOperation, started).remote();
    started.taskAsync(Signals::await, 0).remote().get(60_000);
    Ray.cancel(objRef);
    String cancelled;
    try {
      cancelled = "returned " + objRef.get(60_000);
    } catch (TaskCancelledException e) {
      cancelled = e.getClass().getSimpleName();
    }
    started.kill();
    System.out.println("blocking_operation: started, then Ray.cancel interrupted it; get threw "
        + cancelled);
    return new Results(single, refs.size(), multiple, generated, streamed, cancelled);
  }
}
