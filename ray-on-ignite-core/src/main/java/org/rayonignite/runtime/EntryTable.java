package org.rayonignite.runtime;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.rayonignite.api.ObjectId;

/**
 * The entries this node must find by id: objects it owns whose refs left the process (a
 * borrower may ask about them) or that are stored, and objects it borrows (each ref received is bound to the one
 * entry of its id).
 *
 * <p>An owned entry whose refs never left the process is not here: its refs reach it directly,
 * and it goes when they do. Borrowed entries are held weakly: an entry lives while a ref to it
 * does. Owned entries stay until the reference counting of a later version frees them; those of
 * stored objects are also held weakly, to be found while they live.
 */
final class EntryTable {
  private final ConcurrentHashMap<ObjectId, ObjectEntry> owned = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<ObjectId, WeakEntry> weakly = new ConcurrentHashMap<>();
  private final ReferenceQueue<ObjectEntry> collected = new ReferenceQueue<>();

  /** An owned entry whose ref is leaving the process becomes findable. */
  void registerOwned(ObjectEntry entry) {
    owned.putIfAbsent(entry.id, entry);
  }

  /**
   * An owned entry of a stored object becomes findable while it lives: a reader elsewhere that
   * finds the object lost asks for it by id.
   */
  void registerStored(ObjectEntry entry) {
    purge();
    weakly.putIfAbsent(entry.id, new WeakEntry(entry, collected));
  }

  /** The entry of {@code id}, or null. */
  ObjectEntry find(ObjectId id) {
    ObjectEntry entry = owned.get(id);
    if (entry != null) {
      return entry;
    }
    WeakEntry weak = weakly.get(id);
    return weak == null ? null : weak.get();
  }

  /** The borrowed entry of {@code id}, made if there is none. */
  ObjectEntry borrowed(ObjectId id) {
    purge();
    while (true) {
      WeakEntry weak = weakly.get(id);
      ObjectEntry entry = weak == null ? null : weak.get();
      if (entry != null) {
        return entry;
      }
      ObjectEntry created = new ObjectEntry(id, false);
      WeakEntry fresh = new WeakEntry(created, collected);
      if (weak == null ? weakly.putIfAbsent(id, fresh) == null : weakly.replace(id, weak, fresh)) {
        return created;
      }
    }
  }

  /** The entries alive now. */
  List<ObjectEntry> all() {
    purge();
    List<ObjectEntry> all = new ArrayList<>(owned.values());
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
    return owned.size() + weakly.size();
  }

  private void purge() {
    WeakEntry weak;
    while ((weak = (WeakEntry) collected.poll()) != null) {
      weakly.remove(weak.id, weak);
    }
  }

  private static final class WeakEntry extends WeakReference<ObjectEntry> {
    final ObjectId id;

    WeakEntry(ObjectEntry entry, ReferenceQueue<ObjectEntry> queue) {
      super(entry, queue);
      this.id = entry.id;
    }
  }
}
