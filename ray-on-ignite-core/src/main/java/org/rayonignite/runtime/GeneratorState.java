package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.RayTimeoutException;

/**
 * The owner's side of a streaming task: the elements that arrived (each an object of its own),
 * and how the stream ended. Elements and the end travel in different messages and may arrive in
 * any order; the stream is over once the end's count of elements are all here.
 */
final class GeneratorState {
  final TaskId taskId;
  private final NodeRuntime runtime;
  private final ConcurrentHashMap<Integer, ObjectEntry> items = new ConcurrentHashMap<>();
  /** Indexes of the elements that arrived or are arriving; guarded by this. */
  private final java.util.Set<Integer> arriving = new java.util.HashSet<>();
  /** How many elements the stream has, once its end arrived; -1 before. Guarded by this. */
  private int end = -1;
  /** Elements handed to the caller; guarded by this. */
  private int taken;
  /** The caller dropped its generator: elements not handed out are freed. Guarded by this. */
  private boolean dropped;
  /** How many elements from 0 on are here without a gap; guarded by this. */
  private int readyPrefix;
  /** Why it ended early, or null. Guarded by this. */
  private RayException failure;
  /** The node producing the elements (for acknowledgements), or null before it is sent. */
  volatile UUID producer;

  GeneratorState(TaskId taskId, NodeRuntime runtime) {
    this.taskId = taskId;
    this.runtime = runtime;
  }

  ObjectEntry entry(int index) {
    return items.computeIfAbsent(index, i -> runtime.objects().owned(ObjectId.of(taskId, i)));
  }

  /**
   * Element {@code index} arrived; false (and nothing done) if it had arrived before: a stream
   * that ran again after a node loss makes its elements again from the first.
   */
  boolean item(int index, ObjectLocation location) {
    ObjectEntry entry = entry(index);
    synchronized (this) {
      if (!arriving.add(index)) {
        return false;
      }
    }
    runtime.objects().ready(entry, location);
    boolean unwanted;
    synchronized (this) {
      advanceReadyPrefix();
      notifyAll();
      unwanted = dropped && index >= taken;
    }
    if (unwanted) {
      free(List.of(index));
    }
    return true;
  }

  /** Deletes the stored copy of an element that arrived twice (the copy not kept). */
  void discard(ObjectLocation duplicate) {
    if (duplicate instanceof ObjectLocation.Stored stored && runtime.isRunning()) {
      runtime.objects().store().removeAll(List.of(stored.key()));
    }
  }

  /** Tells the producer again how many elements the caller took (backpressure after a rerun). */
  void acknowledgeTaken() {
    int count;
    synchronized (this) {
      count = taken;
    }
    java.util.UUID node = producer;
    if (node != null && runtime.isRunning()) {
      runtime.sendGeneratorAck(node, new WireCodec.GeneratorAck(taskId, count));
    }
  }

  /** The caller has taken the refs of elements below {@code count}. */
  synchronized void taken(int count) {
    taken = Math.max(taken, count);
  }

  /**
   * The caller dropped its generator: the elements it never took (no ref to them exists) are
   * deleted from the store, now and as they still arrive.
   */
  void dropped() {
    List<Integer> unwanted = new ArrayList<>();
    synchronized (this) {
      dropped = true;
      items.keySet().forEach(index -> {
        if (index >= taken) {
          unwanted.add(index);
        }
      });
    }
    free(unwanted);
  }

  private void free(List<Integer> indexes) {
    List<Long> keys = new ArrayList<>();
    for (int index : indexes) {
      ObjectEntry entry = items.get(index);
      if (entry != null && ObjectManager.locationIfReady(entry) instanceof ObjectLocation.Stored stored) {
        keys.add(stored.key());
      }
    }
    if (!keys.isEmpty() && runtime.isRunning()) {
      runtime.objects().store().removeAll(keys);
    }
  }

  /** Amortized O(1) per element: each index is passed once (a scan per element was quadratic). */
  private void advanceReadyPrefix() {
    ObjectEntry next;
    while ((next = items.get(readyPrefix)) != null && next.isReady()) {
      readyPrefix++;
    }
  }

  /** The stream failed before its end arrived: it ends after the elements received so far. */
  void failHere(RayException error) {
    int received;
    synchronized (this) {
      advanceReadyPrefix();
      received = readyPrefix;
    }
    end(received, error);
  }

  /** The stream ended after {@code count} elements, with {@code error} if it failed. */
  void end(int count, RayException error) {
    if (error != null) {
      entry(count).location.completeExceptionally(error);
    }
    synchronized (this) {
      if (end < 0) {
        end = count;
        failure = error;
      }
      notifyAll();
    }
  }

  /**
   * Waits until element {@code index} is here, or the stream ended before it. True if there is a
   * ref at {@code index}: an element, or the failure that ended the stream there.
   */
  boolean await(int index) {
    TaskContext task = TaskContext.current();
    synchronized (this) {
      boolean blocked = false;
      try {
        while (true) {
          ObjectEntry entry = items.get(index);
          if (entry != null && entry.isReady()) {
            return true;
          }
          if (end >= 0 && index >= end) {
            return index == end && failure != null;
          }
          if (!blocked && task != null) {
            task.blocked();
            blocked = true;
          }
          wait();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RayTimeoutException("interrupted while waiting for element " + index
            + " of streaming task " + taskId);
      } finally {
        if (blocked) {
          task.unblocked();
        }
      }
    }
  }

  /** Whether every element was produced and the stream is over. */
  synchronized boolean isOver() {
    return end >= 0;
  }

  /** Whether the end and every element before it arrived: nothing more will come. */
  synchronized boolean isComplete() {
    return end >= 0 && readyPrefix >= end;
  }
}
