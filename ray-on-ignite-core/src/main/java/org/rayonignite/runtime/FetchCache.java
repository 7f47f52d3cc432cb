package org.rayonignite.runtime;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Bytes of objects this node fetched from other nodes, least recently used dropped first past a
 * byte budget: tasks here that read the same remote object fetch it once. Objects never change,
 * so a copy is never stale.
 */
final class FetchCache {
  /** Objects larger than this are not kept. */
  static final int MAX_OBJECT = 16 << 20;

  private final long budget;
  /** Guarded by this. */
  private final LinkedHashMap<Long, byte[]> byKey = new LinkedHashMap<>(64, 0.75f, true);
  /** Guarded by this. */
  private long bytes;
  /** Copies dropped to stay within the budget; guarded by this. */
  private long evictions;

  FetchCache(long budget) {
    this.budget = budget;
  }

  synchronized byte[] get(long key) {
    return byKey.get(key);
  }

  synchronized void put(long key, byte[] value) {
    if (value.length > MAX_OBJECT || byKey.containsKey(key)) {
      return;
    }
    byKey.put(key, value);
    bytes += value.length;
    for (Iterator<Map.Entry<Long, byte[]>> it = byKey.entrySet().iterator(); bytes > budget && it.hasNext(); ) {
      bytes -= it.next().getValue().length;
      it.remove();
      evictions++;
    }
  }

  /** Copies dropped so far to stay within the budget. */
  synchronized long evictions() {
    return evictions;
  }

  synchronized boolean contains(long key) {
    return byKey.containsKey(key);
  }
}
