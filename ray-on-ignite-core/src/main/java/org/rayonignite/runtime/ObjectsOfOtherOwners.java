package org.rayonignite.runtime;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.rayonignite.objectstore.ObjectStore;

/**
 * The stored objects this node wrote for owners on other nodes (results of their tasks run here),
 * by owner: when an owner leaves the cluster no one can free them any more, so this node removes
 * them. Keys whose owner freed them are forgotten now and then ({@link #prune}), so the sets stay
 * the size of what is live.
 */
final class ObjectsOfOtherOwners {
  /** Keys remembered before the next prune is due: twice what was left after the last one. */
  private static final int MIN_PRUNE_AT = 4096;

  private final ObjectStore store;
  private final ConcurrentHashMap<UUID, Set<Long>> keysByOwner = new ConcurrentHashMap<>();
  private volatile int pruneAt = MIN_PRUNE_AT;
  private final AtomicInteger remembered = new AtomicInteger();

  ObjectsOfOtherOwners(ObjectStore store) {
    this.store = store;
  }

  /** This node stored {@code key} for {@code owner}. */
  void stored(UUID owner, long key) {
    keysByOwner.computeIfAbsent(owner, o -> ConcurrentHashMap.newKeySet()).add(key);
    remembered.incrementAndGet();
  }

  /** {@code owner} left: the objects stored here for it are removed; returns how many. */
  int ownerLeft(UUID owner) {
    Set<Long> keys = keysByOwner.remove(owner);
    if (keys == null || keys.isEmpty()) {
      return 0;
    }
    remembered.addAndGet(-keys.size());
    store.removeAllAsync(keys);
    return keys.size();
  }

  /** Forgets the keys their owners freed, if enough were remembered since the last time. */
  void pruneIfDue() {
    if (remembered.get() < pruneAt) {
      return;
    }
    int left = 0;
    for (Set<Long> keys : keysByOwner.values()) {
      keys.removeIf(key -> store.isLocal(key) && !store.containsLocal(key));
      left += keys.size();
    }
    remembered.set(left);
    pruneAt = Math.max(MIN_PRUNE_AT, 2 * left);
  }
}
