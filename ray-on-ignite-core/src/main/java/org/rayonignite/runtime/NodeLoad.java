package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a node reported of its load: resources free now, tasks running and waiting, and bytes it
 * fetched from other nodes so far. Published every few tens of milliseconds when it changes,
 * so every node's view is eventually consistent without anyone polling per task. (A plain class,
 * not a record: Ignite's binary marshaller cannot build records.)
 */
final class NodeLoad implements Serializable {
  private static final long serialVersionUID = 1L;
  static final NodeLoad IDLE = new NodeLoad(Map.of(), 0, 0, 0);

  private final HashMap<String, Double> free;
  private final int running;
  private final int queued;
  private final long bytesFetched;

  NodeLoad(Map<String, Double> free, int running, int queued, long bytesFetched) {
    this.free = new HashMap<>(free);
    this.running = running;
    this.queued = queued;
    this.bytesFetched = bytesFetched;
  }

  Map<String, Double> free() {
    return free;
  }

  int running() {
    return running;
  }

  int queued() {
    return queued;
  }

  long bytesFetched() {
    return bytesFetched;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof NodeLoad that && running == that.running && queued == that.queued
        && bytesFetched == that.bytesFetched && free.equals(that.free);
  }

  @Override
  public int hashCode() {
    return Objects.hash(free, running, queued, bytesFetched);
  }

  @Override
  public String toString() {
    return "load{free=" + free + ", running=" + running + ", queued=" + queued + "}";
  }
}
