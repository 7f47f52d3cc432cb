package org.rayonignite.runtime;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.cache.processor.MutableEntry;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheEntryProcessor;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.CacheWriteSynchronizationMode;
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
  private final TableView<ActorId, ActorRecord> view;

  ActorDirectory(Ignite ignite) {
    this.actors = ignite.getOrCreateCache(actorsConfiguration());
    this.view = new TableView<>(actors, record -> record.actorId, record -> record.version);
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
    view.start();
  }

  void stop() {
    view.stop();
  }

  /** Calls {@code listener} with every new or changed record (on the thread that saw it). */
  void onChange(Consumer<ActorRecord> listener) {
    view.onChange(listener);
  }

  /** The record as this node last saw it, or from the table; null if unknown. */
  ActorRecord get(ActorId id) {
    return view.get(id);
  }

  List<ActorRecord> all() {
    return view.all();
  }

  void create(ActorRecord record) {
    actors.put(record.actorId, record);
    view.seen(record);
  }

  /** Moves the actor to ALIVE on {@code node} unless it is dead; returns the record now. */
  ActorRecord alive(ActorId id, UUID node) {
    return view.changed(actors.invoke(id, new Transition(Transition.ALIVE, node, null, null)));
  }

  /** Kills the actor in the table unless it is dead already; returns the record now. */
  ActorRecord dead(ActorId id, String cause, byte[] error) {
    return view.changed(actors.invoke(id, new Transition(Transition.DEAD, null, cause, error)));
  }

  /**
   * Claims the restart of an actor that was on {@code node}: moves it to RESTARTING (one more
   * restart counted) if it was there, alive or being created, with restarts left; else DEAD if
   * it has none. Returns the record now: RESTARTING means this caller must recreate it.
   */
  ActorRecord nodeLost(ActorId id, UUID node, boolean restart) {
    return view.changed(actors.invoke(id, new Transition(restart ? Transition.RESTART : Transition.LOST,
        node, null, null)));
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
