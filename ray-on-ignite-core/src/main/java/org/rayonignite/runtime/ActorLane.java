package org.rayonignite.runtime;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import org.rayonignite.api.ActorId;

/**
 * This process's calls to one actor: their numbers, those not finished, and those waiting to be
 * sent until the actor is alive. Callers lock the lane while they route its calls.
 */
final class ActorLane {
  final ActorId actorId;
  private final AtomicLong nextSequence = new AtomicLong();
  /** Calls sent or waiting and not finished, by number. */
  final ConcurrentSkipListMap<Long, PendingTask> unfinished = new ConcurrentSkipListMap<>();
  /** Calls whose arguments are ready, waiting for the actor to be alive; guarded by this. */
  final ArrayDeque<PendingTask> waiting = new ArrayDeque<>();
  /** The restarts of the actor this lane last saw; guarded by this. */
  int knownRestarts;

  ActorLane(ActorId actorId) {
    this.actorId = actorId;
  }

  long nextSequence() {
    return nextSequence.getAndIncrement();
  }

  /** The lowest number not finished: where a new instance's mailbox starts for this caller. */
  long firstUnfinished(long fallback) {
    Long first = unfinished.isEmpty() ? null : unfinished.firstKey();
    return first == null ? fallback : Math.min(first, fallback);
  }
}
