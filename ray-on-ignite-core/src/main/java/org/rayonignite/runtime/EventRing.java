package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The last records added, oldest overwritten first, with a count of those overwritten: the
 * bounded tables of tasks and objects a node keeps for {@code RayState} and {@code ray-ignite}.
 * Lock-free: an add takes the next slot of a ring (one atomic increment, one store), so the hot
 * path of a task pays no more than the record it adds.
 */
final class EventRing<T> {
  private final AtomicReferenceArray<T> ring;
  private final int mask;
  private final AtomicLong written = new AtomicLong();

  /** {@code capacity} is rounded up to a power of two. */
  EventRing(int capacity) {
    int size = Integer.highestOneBit(Math.max(2, capacity - 1)) << 1;
    this.ring = new AtomicReferenceArray<>(size);
    this.mask = size - 1;
  }

  void add(T record) {
    // A release store is enough: a reader sees the record whole, and no ordering with later
    // loads is needed (a full volatile store costs a fence on every task).
    ring.setRelease((int) (written.getAndIncrement() & mask), record);
  }

  /** The records kept, oldest first. */
  List<T> list() {
    long end = written.get();
    long start = Math.max(0, end - ring.length());
    List<T> records = new ArrayList<>((int) (end - start));
    for (long i = start; i < end; i++) {
      T record = ring.getAcquire((int) (i & mask));
      if (record != null) {
        records.add(record);
      }
    }
    return records;
  }

  /** How many records were overwritten. */
  long dropped() {
    return Math.max(0, written.get() - ring.length());
  }

  int capacity() {
    return ring.length();
  }
}
