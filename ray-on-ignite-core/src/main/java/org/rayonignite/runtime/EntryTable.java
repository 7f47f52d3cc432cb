package org.rayonignite.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.rayonignite.api.ObjectId;

/**
 * The entries this node must find by id, and those it must keep alive for others.
 *
 * <p>Findable (held weakly: an entry lives while something here reaches it): objects this node
 * borrows (each ref received is bound to the one entry of its id; when the entry goes, the owner
 * is told), and owned objects whose refs left the process or that are stored (a borrower, or a
 * reader that found the object lost, asks for them by id). An owned entry whose refs never left
 * the process and that is not stored is not here: its refs reach it directly.
 *
 * <p>Pinned (held strongly): owned entries other nodes borrow, until the last borrow is released,
 * and entries whose refs left the process in a way nothing tracks (inside a task's return value,
 * or Java-serialized by the application), for good.
 */
final class EntryTable {
  private final ConcurrentHashMap<ObjectId, ObjectEntry> pinned = new ConcurrentHashMap<>();
  /** Entries pinned for good (no borrow release will unpin them). */
  private final java.util.Set<ObjectId> pinnedForGood = ConcurrentHashMap.newKeySet();
  private final ConcurrentHashMap<ObjectId, WeakEntry> weakly = new ConcurrentHashMap<>();
  private final ReferenceQueue<ObjectEntry> collected = new ReferenceQueue<>();
  /** Told the id of each borrowed entry that went: this node holds no ref to it any more. */
  private final Consumer<ObjectId> released;

  EntryTable(Consumer<ObjectId> released) {
    this.released = released;
  }

  /** Keeps {@code entry} for good: its ref left the process in a way nothing tracks. */
  void pinForGood(ObjectEntry entry) {
    pinnedForGood.add(entry.id);
    pinned.putIfAbsent(entry.id, entry);
  }

  /** Keeps {@code entry} while other nodes borrow it. */
  void pin(ObjectEntry entry) {
    pinned.putIfAbsent(entry.id, entry);
  }

  /** No other node borrows {@code entry} any more. */
  void unpin(ObjectEntry entry) {
    if (!pinnedForGood.contains(entry.id)) {
      pinned.remove(entry.id, entry);
    }
  }

  /** An owned entry becomes findable while it lives (it is stored, or its ref left the process). */
  void registerOwned(ObjectEntry entry) {
    purge();
    weakly.putIfAbsent(entry.id, new WeakEntry(entry, collected, false));
  }

  /** The entry of {@code id}, or null. */
  ObjectEntry find(ObjectId id) {
    ObjectEntry entry = pinned.get(id);
    if (entry != null) {
      return entry;
    }
    WeakEntry weak = weakly.get(id);
    return weak == null ? null : weak.get();
  }

  /**
   * The borrowed entry of {@code id}, or null if there is none; {@code made} tells whether it is
   * new (its owner is to be told).
   */
  ObjectEntry borrowed(ObjectId id, boolean[] made) {
    purge();
    while (true) {
      WeakEntry weak = weakly.get(id);
      ObjectEntry entry = weak == null ? null : weak.get();
      if (entry != null) {
        return entry;
      }
      ObjectEntry created = new ObjectEntry(id, false);
      WeakEntry fresh = new WeakEntry(created, collected, true);
      if (weak == null ? weakly.putIfAbsent(id, fresh) == null : weakly.replace(id, weak, fresh)) {
        made[0] = true;
        return created;
      }
    }
  }

  /** The entries alive now. */
  List<ObjectEntry> all() {
    purge();
    List<ObjectEntry> all = new ArrayList<>(pinned.values());
    for (WeakEntry weak : weakly.values()) {
      ObjectEntry entry = weak.get();
      if (entry != null) {
        all.add(entry);
      }
    }
    return all;
  }

  int size() {
    purge();
    return pinned.size() + weakly.size();
  }

  /** Forgets the entries that went; the owners of borrowed ones are told. */
  void purge() {
    WeakEntry weak;
    while ((weak = (WeakEntry) collected.poll()) != null) {
      weakly.remove(weak.id, weak);
      if (weak.borrowed) {
        released.accept(weak.id);
      }
    }
  }

  private static final class WeakEntry extends WeakReference<ObjectEntry> {
    final ObjectId id;
    final boolean borrowed;

    WeakEntry(ObjectEntry entry, ReferenceQueue<ObjectEntry> queue, boolean borrowed) {
      super(entry, queue);
      this.id = entry.id;
      this.borrowed = borrowed;
    }
  }
}
