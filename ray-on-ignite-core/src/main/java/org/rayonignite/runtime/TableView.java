package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.cache.query.ContinuousQuery;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;

/**
 * This node's view of a replicated metadata table (actors, placement groups): a continuous query
 * keeps it current and tells listeners of each change. Records carry a version and the view
 * keeps the newest, since the query's events and this node's own writes arrive in any order.
 */
final class TableView<K, V> {
  private final IgniteCache<K, V> table;
  private final Function<V, K> key;
  private final ToLongFunction<V> version;
  private final Map<K, V> view = new ConcurrentHashMap<>();
  private final List<Consumer<V>> listeners = new CopyOnWriteArrayList<>();
  private QueryCursor<Cache.Entry<K, V>> cursor;

  TableView(IgniteCache<K, V> table, Function<V, K> key, ToLongFunction<V> version) {
    this.table = table;
    this.key = key;
    this.version = version;
  }

  void start() {
    ContinuousQuery<K, V> query = new ContinuousQuery<>();
    query.setInitialQuery(new ScanQuery<>());
    query.setLocalListener(events -> {
      for (CacheEntryEvent<? extends K, ? extends V> event : events) {
        if (event.getValue() != null) {
          seen(event.getValue());
        }
      }
    });
    cursor = table.query(query);
    for (Cache.Entry<K, V> entry : cursor) {
      seen(entry.getValue());
    }
  }

  void stop() {
    if (cursor != null) {
      cursor.close();
    }
  }

  /** Takes a record into the view unless the view has a newer one; listeners hear of a newer one. */
  void seen(V record) {
    boolean[] newer = {false};
    view.compute(key.apply(record), (k, known) -> {
      if (known == null || version.applyAsLong(record) > version.applyAsLong(known)) {
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
  void onChange(Consumer<V> listener) {
    listeners.add(listener);
  }

  /** The record as this node last saw it, or from the table; null if unknown. */
  V get(K id) {
    V record = view.get(id);
    if (record == null) {
      record = table.get(id);
      if (record != null) {
        view.putIfAbsent(id, record);
      }
    }
    return record;
  }

  List<V> all() {
    return new ArrayList<>(view.values());
  }

  /** A record the table returned after a change: into the view, and returned. */
  V changed(V record) {
    if (record != null) {
      seen(record);
    }
    return record;
  }
}
