package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.CacheAtomicityMode;
import org.apache.ignite.cache.CacheMode;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.configuration.CacheConfiguration;

/**
 * This node's view of the Ray nodes in the cluster, from the node registry: a REPLICATED cache
 * where each runtime writes its own record when it starts and removes it when it stops (any node
 * removes the record of a node that left), and rewrites it when its load changes (at most every
 * {@link LoadReporter#PERIOD_MS} ms). A continuous query keeps the view current, so the scheduler
 * reads memory, never the network. Only nodes alive in Ignite's topology are listed.
 */
final class ClusterView {
  static final String CACHE_NAME = "ray-nodes";

  private final Ignite ignite;
  private final IgniteCache<UUID, NodeRecord> registry;
  private final Map<UUID, NodeRecord> nodes = new ConcurrentHashMap<>();
  /** Nodes that left since this view started: to tell "dead" from "never heard of". */
  private final Map<UUID, NodeRecord> departed = new ConcurrentHashMap<>();
  private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
  private volatile List<NodeRecord> snapshot = List.of();
  private QueryCursor<Cache.Entry<UUID, NodeRecord>> cursor;

  ClusterView(Ignite ignite) {
    this.ignite = ignite;
    this.registry = ignite.getOrCreateCache(cacheConfiguration());
  }

  static CacheConfiguration<UUID, NodeRecord> cacheConfiguration() {
    CacheConfiguration<UUID, NodeRecord> cfg = new CacheConfiguration<>(CACHE_NAME);
    cfg.setCacheMode(CacheMode.REPLICATED);
    cfg.setAtomicityMode(CacheAtomicityMode.ATOMIC);
    return cfg;
  }

  /** Registers this node and starts following the registry. */
  void start(NodeRecord self) {
    ContinuousQuery<UUID, NodeRecord> query = new ContinuousQuery<>();
    query.setInitialQuery(new ScanQuery<>());
    query.setLocalListener(events -> {
      for (CacheEntryEvent<? extends UUID, ? extends NodeRecord> event : events) {
        if (event.getEventType() == EventType.REMOVED || event.getEventType() == EventType.EXPIRED) {
          remove(event.getKey());
        } else {
          add(event.getValue());
        }
      }
    });
    cursor = registry.query(query);
    for (Cache.Entry<UUID, NodeRecord> entry : cursor) {
      add(entry.getValue());
    }
    registry.put(self.nodeId, self);
    add(self);
  }

  /** Publishes this node's record with a new load; does not wait for the write. */
  void publish(NodeRecord self) {
    add(self);
    registry.putAsync(self.nodeId, self);
  }

  void stop(UUID self) {
    if (cursor != null) {
      cursor.close();
    }
    try {
      registry.remove(self);
    } catch (RuntimeException e) {
      // The cluster is going away with us.
    }
  }

  /** A node left the topology: drop it here and from the registry. */
  void nodeLeft(UUID nodeId) {
    remove(nodeId);
    try {
      registry.removeAsync(nodeId);
    } catch (RuntimeException e) {
      // Stopping: nothing to clean.
    }
  }

  private void add(NodeRecord record) {
    if (record == null || ignite.cluster().node(record.nodeId) == null) {
      return;
    }
    NodeRecord previous = nodes.put(record.nodeId, record);
    snapshot();
    if (!record.sameNode(previous)) {
      changeListeners.forEach(Runnable::run);
    }
  }

  private void remove(UUID nodeId) {
    NodeRecord removed = nodes.remove(nodeId);
    if (removed != null) {
      departed.put(nodeId, removed);
      snapshot();
      changeListeners.forEach(Runnable::run);
    }
  }

  private synchronized void snapshot() {
    List<NodeRecord> list = new ArrayList<>(nodes.values());
    list.sort((a, b) -> a.nodeId.compareTo(b.nodeId));
    snapshot = Collections.unmodifiableList(list);
  }

  /**
   * Calls {@code listener} after every change of the node set or of a node's resources or labels
   * (not of its load), on the thread that saw it.
   */
  void onChange(Runnable listener) {
    changeListeners.add(listener);
  }

  /** The live Ray nodes, sorted by id. */
  List<NodeRecord> nodes() {
    return snapshot;
  }

  NodeRecord node(UUID nodeId) {
    return nodes.get(nodeId);
  }

  boolean hasDeparted(UUID nodeId) {
    return departed.containsKey(nodeId);
  }

  NodeRecord departedNode(UUID nodeId) {
    return departed.get(nodeId);
  }

  /** The nodes that left since this view started. */
  List<NodeRecord> departedNodes() {
    return new ArrayList<>(departed.values());
  }
}
