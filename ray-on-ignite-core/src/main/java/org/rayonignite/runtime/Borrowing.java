package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.rayonignite.api.ObjectId;

/**
 * The borrower's side of reference counting across processes: this node tells an object's owner
 * when it starts to hold refs to the object (a ref arrived inside a value: BORROW) and when it
 * holds none any more (RELEASE); the owner keeps the object while any node borrows it.
 *
 * <p>Design, after Ray's ownership protocol: whatever passes a ref along (a pending task's
 * arguments, an object holding refs, a borrower) keeps it pinned until the receiver's borrow is
 * registered, which two orderings guarantee without locks across the network:
 * <ul>
 *   <li>a RELEASE is sent only once every BORROW sent before it was acknowledged, so a ref read out
 *   of an object is registered before the object itself can be released and freed;
 *   <li>a task's result goes to its owner only once the BORROWs its run sent were acknowledged, so
 *   refs a task keeps from its arguments are registered before the owner drops the arguments.
 * </ul>
 * Owners count borrows per node (not a set), so a BORROW and an earlier RELEASE of the same node
 * may arrive in either order.
 */
final class Borrowing {
  private final NodeRuntime runtime;
  private final AtomicLong sequence = new AtomicLong();
  /** BORROWs sent and not acknowledged, by sequence number; guarded by this for ordering. */
  private final ConcurrentHashMap<Long, Outstanding> unacked = new ConcurrentHashMap<>();
  /** RELEASEs waiting until no BORROW is unacknowledged. */
  private final Queue<Release> releases = new ConcurrentLinkedQueue<>();

  private record Outstanding(UUID owner, CompletableFuture<Void> acked) {}

  /** A RELEASE of {@code id} to {@code node}: of a borrow, or of a task return's refs that node keeps. */
  private record Release(UUID node, ObjectId id, boolean container) {}

  Borrowing(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  /** This node holds refs to {@code id} (owned elsewhere) from now on. */
  void borrowed(ObjectId id) {
    UUID owner = id.getOwnerUuid();
    long seq = sequence.incrementAndGet();
    synchronized (this) {
      unacked.put(seq, new Outstanding(owner, new CompletableFuture<>()));
    }
    runtime.sendBorrowOp(owner, WireCodec.BorrowOp.borrow(id, seq));
    if (!runtime.isAlive(owner)) {
      acknowledged(seq); // gone already: nothing to wait for
    }
  }

  /** The owner registered BORROW {@code seq}. */
  void acknowledged(long seq) {
    Outstanding outstanding = unacked.remove(seq);
    if (outstanding != null) {
      outstanding.acked().complete(null);
      flushReleases();
    }
  }

  /** This node holds no ref to {@code id} any more. */
  void released(ObjectId id) {
    releases.add(new Release(id.getOwnerUuid(), id, false));
    flushReleases();
  }

  /**
   * The task return {@code id}, owned here, is gone: node {@code holder}, which ran the task and
   * keeps the refs its value holds, may let them go (after this node's borrows of them, if it
   * read the value, are registered).
   */
  void containerGone(UUID holder, ObjectId id) {
    releases.add(new Release(holder, id, true));
    flushReleases();
  }

  /** Sends the waiting RELEASEs if no BORROW is unacknowledged. */
  void flushReleases() {
    if (releases.isEmpty()) {
      return;
    }
    List<Release> due = new ArrayList<>();
    synchronized (this) {
      if (!unacked.isEmpty()) {
        return; // the last acknowledgement flushes them
      }
      Release release;
      while ((release = releases.poll()) != null) {
        due.add(release);
      }
    }
    for (Release release : due) {
      if (runtime.isAlive(release.node())) {
        runtime.sendBorrowOp(release.node(), release.container()
            ? WireCodec.BorrowOp.containerGone(release.id()) : WireCodec.BorrowOp.release(release.id()));
      }
    }
  }

  /** Runs {@code then} once every BORROW sent so far is acknowledged: at once if none is waiting. */
  void afterBorrowsSoFar(Runnable then) {
    if (unacked.isEmpty()) {
      then.run();
      return;
    }
    List<CompletableFuture<Void>> waiting = new ArrayList<>();
    unacked.values().forEach(outstanding -> waiting.add(outstanding.acked()));
    CompletableFuture.allOf(waiting.toArray(new CompletableFuture[0])).whenComplete((v, e) -> then.run());
  }

  /** A node left: BORROWs it owes an answer to are answered, as there is nothing to wait for. */
  void nodeLeft(UUID node) {
    unacked.forEach((seq, outstanding) -> {
      if (outstanding.owner().equals(node)) {
        acknowledged(seq);
      }
    });
    releases.removeIf(release -> release.node().equals(node));
  }
}
