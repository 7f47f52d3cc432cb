package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.rayonignite.state.TaskInfo;

/**
 * The last finished tasks this node submitted, oldest overwritten first. Lock-free: a finished
 * task takes the next slot of a ring.
 */
final class TaskHistory {
  private final AtomicReferenceArray<TaskInfo> ring;
  private final int mask;
  private final AtomicLong written = new AtomicLong();

  /** {@code capacity} is rounded up to a power of two. */
  TaskHistory(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    this.ring = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  void add(TaskInfo task) {
    ring.set((int) (written.getAndIncrement() & mask), task);
  }

  /** The finished tasks kept, oldest first. */
  List<TaskInfo> list() {
    long end = written.get();
    long start = Math.max(0, end - ring.length());
    List<TaskInfo> tasks = new ArrayList<>((int) (end - start));
    for (long i = start; i < end; i++) {
      TaskInfo task = ring.get((int) (i & mask));
      if (task != null) {
        tasks.add(task);
      }
    }
    return tasks;
  }

  /** How many finished tasks were overwritten. */
  long dropped() {
    return Math.max(0, written.get() - ring.length());
  }
}
