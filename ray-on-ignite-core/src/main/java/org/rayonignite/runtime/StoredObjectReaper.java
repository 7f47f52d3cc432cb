package org.rayonignite.runtime;

import java.lang.ref.PhantomReference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.rayonignite.api.ObjectId;
import org.rayonignite.objectstore.ObjectStore;

/**
 * Frees the stored objects this node owns once nothing in this process can reach them.
 *
 * <p>Design: an owned object's {@link ObjectEntry} is reachable exactly while something here may
 * still read it: its {@code ObjectRef}s, the pending tasks that take it as an argument or will
 * return it, a generator that has not handed it out. An entry whose ref left the process is held
 * for good by the {@link EntryTable} (a borrower may ask for it; borrowers do not report back
 * yet), so it is never freed here. A phantom reference per stored entry tells when the JVM
 * collected it; {@link #reap} then removes the bytes from the store, without waiting for the node
 * that holds them. Objects kept inline need nothing: they go with their entry.
 */
final class StoredObjectReaper {
  private final ObjectStore store;
  private final ReferenceQueue<ObjectEntry> collected = new ReferenceQueue<>();
  /** Keeps the phantom references themselves reachable until they are enqueued. */
  private final Set<Watch> watching = ConcurrentHashMap.newKeySet();
  /** Watches of task returns whose refs their executing node keeps for them (not counted as stored). */
  private final Set<Watch> containers = ConcurrentHashMap.newKeySet();
  /** Told, for each such return collected, the node keeping its refs and the return's id. */
  private final BiConsumer<UUID, ObjectId> containerGone;

  private static final class Watch extends PhantomReference<ObjectEntry> {
    final long key;
    final ObjectId id;
    /** For a container watch: the node keeping the refs the object's value holds; else null. */
    final UUID holder;

    Watch(ObjectEntry entry, long key, UUID holder, ReferenceQueue<ObjectEntry> queue) {
      super(entry, queue);
      this.key = key;
      this.id = entry.id;
      this.holder = holder;
    }
  }

  StoredObjectReaper(ObjectStore store,
      BiConsumer<UUID, ObjectId> containerGone) {
    this.store = store;
    this.containerGone = containerGone;
  }

  /**
   * {@code entry}, owned here, is a task return whose value holds refs that node {@code holder}
   * (which ran the task) keeps for it: tell that node when the entry is collected.
   */
  void watchContainer(ObjectEntry entry, UUID holder) {
    containers.add(new Watch(entry, -1, holder, collected));
  }

  /** {@code entry}, owned here, is stored under {@code key}: free it when the entry is collected. */
  void watch(ObjectEntry entry, long key) {
    watching.add(new Watch(entry, key, null, collected));
  }

  /** Removes the objects whose entries were collected since the last call; returns how many. */
  int reap() {
    List<Long> keys = null;
    Watch watch;
    while ((watch = (Watch) collected.poll()) != null) {
      if (watch.holder != null) {
        containers.remove(watch);
        containerGone.accept(watch.holder, watch.id);
        continue;
      }
      watching.remove(watch);
      if (keys == null) {
        keys = new ArrayList<>();
      }
      keys.add(watch.key);
    }
    if (keys == null) {
      return 0;
    }
    store.removeAllAsync(keys);
    return keys.size();
  }

  /** Stored objects watched and not freed yet. */
  int watched() {
    return watching.size();
  }
}
