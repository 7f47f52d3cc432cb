package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.ActorState;

/**
 * The cluster's actor table and named-actor index: REPLICATED Ignite caches, so no head node
 * holds them and any one node may die. State changes are atomic ({@code invoke} on the entry's
 * primary). A continuous query keeps this node's view current and tells listeners of every
 * change, so callers route calls without asking anyone.
 */
final class ActorDirectory {
  static final String ACTORS = "ray-actors";
  static final String NAMES = "ray-actor-names";

  private final IgniteCache<ActorId, ActorRecord> actors;
  private final IgniteCache<String, ActorId> names;
  private final Map<ActorId, ActorRecord> view = new ConcurrentHashMap<>();
  private final List<Consumer<ActorRecord>> listeners = new CopyOnWriteArrayList<>();
  private QueryCursor<Cache.Entry<ActorId, ActorRecord>> cursor;

  ActorDirectory(Ignite ignite) {
    this.actors = ignite.getOrCreateCache(actorsConfiguration());
    this.names = ignite.getOrCreateCache(namesConfiguration());
  }

  static CacheConfiguration<ActorId, ActorRecord> actorsConfiguration() {
    return new CacheConfiguration<ActorId, ActorRecord>(ACTORS).setCacheMode(CacheMode.REPLICATED)
        .setAtomicityMode(CacheAtomicityMode.ATOMIC)
        .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC);
  }

  static CacheConfiguration<String, ActorId> namesConfiguration() {
    return new CacheConfiguration<String, ActorId>(NAMES).setCacheMode(CacheMode.REPLICATED)
        .setAtomicityMode(CacheAtomicityMode.ATOMIC)
        .setWriteSynchronizationMode(CacheWriteSynchronizationMode.FULL_SYNC);
  }

  void start() {
    ContinuousQuery<ActorId, ActorRecord> query = new ContinuousQuery<>();
    query.setInitialQuery(new ScanQuery<>());
    query.setLocalListener(events -> {
      for (CacheEntryEvent<? extends ActorId, ? extends ActorRecord> event : events) {
        if (event.getValue() != null) {
          seen(event.getValue());
        }
      }
    });
    cursor = actors.query(query);
    for (Cache.Entry<ActorId, ActorRecord> entry : cursor) {
      seen(entry.getValue());
    }
  }

  void stop() {
    if (cursor != null) {
      cursor.close();
    }
  }

  /** Takes a record into the view unless the view has a newer one (events and local writes race). */
  private void seen(ActorRecord record) {
    boolean[] newer = {false};
    view.compute(record.actorId, (k, known) -> {
      if (known == null || record.version > known.version) {
        newer[0] = true;
        return record;
      }
      return known;
    });
    if (newer[0]) {
      listeners.forEach(listener -> listener.accept(record));
    }
  }

  /** Calls {@code listener} with every new or changed record (on the thread that saw it). */
  void onChange(Consumer<ActorRecord> listener) {
    listeners.add(listener);
  }

  /** The actor's record as this node last saw it, or from the table; null if unknown. */
  ActorRecord get(ActorId id) {
    ActorRecord record = view.get(id);
    if (record == null) {
      record = actors.get(id);
      if (record != null) {
        view.putIfAbsent(id, record);
      }
    }
    return record;
  }

  List<ActorRecord> all() {
    return new ArrayList<>(view.values());
  }

  void create(ActorRecord record) {
    actors.put(record.actorId, record);
    seen(record);
  }

  /** Moves the actor to ALIVE on {@code node} unless it is dead; returns the record now. */
  ActorRecord alive(ActorId id, UUID node) {
    return changed(actors.invoke(id, new Transition(Transition.ALIVE, node, null, null)));
  }

  /** Kills the actor in the table unless it is dead already; returns the record now. */
  ActorRecord dead(ActorId id, String cause, byte[] error) {
    return changed(actors.invoke(id, new Transition(Transition.DEAD, null, cause, error)));
  }

  /**
   * Claims the restart of an actor that was on {@code node}: moves it to RESTARTING (one more
   * restart counted) if it was there, alive or being created, with restarts left; else DEAD if
   * it has none. Returns the record now: RESTARTING means this caller must recreate it.
   */
  ActorRecord nodeLost(ActorId id, UUID node, boolean restart) {
    return changed(actors.invoke(id, new Transition(restart ? Transition.RESTART : Transition.LOST,
        node, null, null)));
  }

  private ActorRecord changed(ActorRecord record) {
    if (record != null) {
      seen(record);
    }
    return record;
  }

  /** Binds {@code name} in {@code namespace} to the actor, unless a live actor has it. */
  boolean claimName(String namespace, String name, ActorId id) {
    String key = nameKey(namespace, name);
    while (true) {
      ActorId holder = names.get(key);
      if (holder == null) {
        if (names.putIfAbsent(key, id)) {
          return true;
        }
        continue;
      }
      ActorRecord record = get(holder);
      if (record != null && !record.isDead()) {
        return false;
      }
      if (names.replace(key, holder, id)) {
        return true;
      }
    }
  }

  /** Frees the name of a dead actor. */
  void releaseName(ActorRecord record) {
    if (record.name != null) {
      names.remove(nameKey(record.namespace, record.name), record.actorId);
    }
  }

  /** The live actor named {@code name} in {@code namespace}, or null. */
  ActorRecord named(String namespace, String name) {
    ActorId id = names.get(nameKey(namespace, name));
    ActorRecord record = id == null ? null : get(id);
    return record == null || record.isDead() ? null : record;
  }

  private static String nameKey(String namespace, String name) {
    return namespace + '\u0000' + name;
  }

  /** A state change done atomically on the entry's primary node. */
  static final class Transition implements CacheEntryProcessor<ActorId, ActorRecord, ActorRecord> {
    private static final long serialVersionUID = 1L;
    static final int ALIVE = 0;
    static final int DEAD = 1;
    static final int RESTART = 2;
    static final int LOST = 3;

    private final int kind;
    private final UUID node;
    private final String cause;
    private final byte[] error;

    Transition(int kind, UUID node, String cause, byte[] error) {
      this.kind = kind;
      this.node = node;
      this.cause = cause;
      this.error = error;
    }

    @Override
    public ActorRecord process(MutableEntry<ActorId, ActorRecord> entry, Object... arguments) {
      ActorRecord record = entry.getValue();
      if (record == null || record.isDead()) {
        return record;
      }
      ActorRecord next;
      switch (kind) {
        case ALIVE -> next = record.alive(node);
        case DEAD -> next = record.dead(cause, error);
        default -> {
          boolean wasThere = node.equals(record.nodeId) && (record.state == ActorState.ALIVE
              || record.state == ActorState.PENDING_CREATION || record.state == ActorState.RESTARTING);
          if (!wasThere) {
            return record;
          }
          next = kind == RESTART && record.hasRestartsLeft() ? record.restarting()
              : record.dead(kind == RESTART ? "node died; restarts used up (maxRestarts="
                  + record.maxRestarts + ")" : "owner died", null);
        }
      }
      entry.setValue(next);
      return next;
    }
  }
}
