package org.rayonignite.objectstore;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.Ignite;

/**
 * Keeps writes out of a full data region. Ignite's in-memory regions fail a write that needs a
 * page they cannot allocate with a critical error that may leave a partition's tree corrupt,
 * and the node stops; so the object store refuses a value that would not fit, before writing it.
 *
 * <p>Reading the region's metrics on every write would cost too much; the reading is refreshed
 * after a few milliseconds or a few MiB written, and always before a refusal.
 *
 * <p>Objects may use the region up to {@link #limit()}; the records of spilled objects (a few
 * dozen bytes each) may go further, into the room kept for Ignite's trees, up to a floor that
 * is never given away: a store full of objects can still spill.
 */
final class RegionRoom {
  private static final long REFRESH_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
  private static final long REFRESH_BYTES = 4L << 20;

  private final Ignite ignite;
  private final String region;
  /** Bytes that may be used: the region's size minus room for trees and metadata. */
  private final long limit;
  /** Bytes that records of spilled objects may use: above {@link #limit}, below the region's size. */
  private final long recordLimit;
  private volatile long usedAtRead;
  private volatile long readAt;
  private final AtomicLong writtenSinceRead = new AtomicLong();

  RegionRoom(Ignite ignite, String region, long maxBytes) {
    this.ignite = ignite;
    this.region = region;
    this.limit = maxBytes - Math.max(4L << 20, maxBytes / 20);
    this.recordLimit = maxBytes - Math.max(1L << 20, maxBytes / 50);
  }

  /** Bytes objects may use. */
  long limit() {
    return limit;
  }

  /** Whether an object of {@code bytes} would fit in the region were it empty. */
  boolean couldEverFit(int bytes) {
    return needed(bytes) <= limit;
  }

  private static long needed(int bytes) {
    return bytes + bytes / 8 + 256;
  }

  /** As {@link #reserve}, for the record of a spilled object. */
  void reserveRecord(int bytes, String nodeName) {
    long needed = bytes + 256;
    refresh();
    if (usedAtRead + needed > recordLimit) {
      throw new ObjectStoreFullException("the object store of node " + nodeName
          + " has no room left even for the record of a spilled object: " + usedAtRead + " of "
          + recordLimit + " bytes are in use");
    }
    writtenSinceRead.addAndGet(needed);
  }

  /** Accounts for a write of {@code bytes}, or throws if it would not fit. */
  void reserve(int bytes, String nodeName) {
    long needed = needed(bytes);
    if (System.nanoTime() - readAt > REFRESH_NANOS || writtenSinceRead.get() > REFRESH_BYTES
        || usedAtRead + writtenSinceRead.get() + needed > limit) {
      refresh();
      if (usedAtRead + needed > limit) {
        throw new ObjectStoreFullException("the object store of node " + nodeName
            + " has no room for an object of " + bytes + " bytes: " + usedAtRead + " of "
            + limit + " usable bytes are in use");
      }
    }
    writtenSinceRead.addAndGet(needed);
  }

  private synchronized void refresh() {
    usedAtRead = ignite.dataRegionMetrics(region).getTotalUsedSize();
    writtenSinceRead.set(0);
    readAt = System.nanoTime();
  }
}
