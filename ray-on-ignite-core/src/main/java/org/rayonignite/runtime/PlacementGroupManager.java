package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.api.placement.PlacementGroupState;
import org.rayonignite.api.placement.PlacementStrategy;
import org.rayonignite.placement.BundlePlacement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Placement groups: atomic reservations of bundles on nodes.
 *
 * <p>Design: a group's coordinator (its owner while alive; for a detached group whose owner
 * died, the live node with the smallest id) computes an assignment with {@link BundlePlacement}
 * from the nodes' reported free resources, then asks each chosen node to reserve its bundle.
 * A node reserves only from what is free on it, atomically, so groups racing from several
 * drivers never over-commit a node; if any reservation is refused, the granted ones are
 * released and the group stays PENDING, retried when nodes change and every
 * {@link #RETRY_MS} ms. All granted: the table says CREATED. A removal releases the bundles
 * (every node releases its own on seeing REMOVED), fails the group's tasks and kills its
 * actors. A bundle lost with its node is placed again (RESCHEDULING, then CREATED).
 */
final class PlacementGroupManager {
  private static final Logger LOG = LoggerFactory.getLogger(PlacementGroupManager.class);
  static final long RETRY_MS = 200;
  /** How long a coordinator waits for a node to answer a reservation. */
  static final long GRANT_TIMEOUT_MS = 10_000;
  /** How long a bundle may be held here without a group assigning it before it is freed. */
  static final long ORPHAN_AFTER_MS = 3 * GRANT_TIMEOUT_MS;
  private static final int SWEEP_EVERY_TICKS = 5;

  private final NodeRuntime runtime;
  private final PlacementGroupDirectory directory;
  private final ClusterView view;
  private final ScheduledThreadPoolExecutor placer;
  private final ConcurrentHashMap<Long, CompletableFuture<Boolean>> replies = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final Set<PlacementGroupId> placing = ConcurrentHashMap.newKeySet();
  private final Object changes = new Object();
  /** Bundles reserved here, by the coordinator request that reserved them. */
  private final ConcurrentHashMap<BundleKey, Grant> grants = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<BundleKey, Long> orphanSince = new ConcurrentHashMap<>();
  private long ticks;

  private record Grant(UUID coordinator, long request) {}

  PlacementGroupManager(NodeRuntime runtime, PlacementGroupDirectory directory, ClusterView view,
      String name) {
    this.runtime = runtime;
    this.directory = directory;
    this.view = view;
    this.placer = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ray-placement-" + name));
    directory.onChange(this::onRecord);
  }

  void start() {
    placer.scheduleWithFixedDelay(this::retryPending, RETRY_MS, RETRY_MS, TimeUnit.MILLISECONDS);
  }

  void stop() {
    placer.shutdownNow();
    try {
      placer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  // ---- the API ----

  PlacementGroupImpl create(PlacementGroupCreationOptions options) {
    if (options == null) {
      throw new NullPointerException("options");
    }
    PlacementGroupId id = PlacementGroupId.random();
    String namespace = runtime.runtimeContext().getNamespace();
    List<UUID> nodes = new ArrayList<>();
    options.getBundles().forEach(bundle -> nodes.add(null));
    PlacementGroupRecord record = new PlacementGroupRecord(id, options.getName(), namespace,
        options.getBundles(), options.getStrategy(), PlacementGroupState.PENDING, nodes,
        runtime.localNodeId(), runtime.currentJobId(), options.getLifetime() == ActorLifetime.DETACHED);
    if (options.getName() != null && !directory.claimName(namespace, options.getName(), id)) {
      throw new IllegalArgumentException("a placement group named \"" + options.getName()
          + "\" already exists in namespace \"" + namespace + "\"");
    }
    directory.create(record);
    placer.execute(() -> tryPlace(id));
    return new PlacementGroupImpl(record);
  }

  PlacementGroupImpl get(PlacementGroupId id) {
    PlacementGroupRecord record = directory.get(id);
    return record == null ? null : new PlacementGroupImpl(record);
  }

  PlacementGroupImpl named(String namespace, String name) {
    PlacementGroupRecord record = directory.named(namespace, name);
    return record == null ? null : new PlacementGroupImpl(record);
  }

  List<org.rayonignite.api.placement.PlacementGroup> all() {
    List<org.rayonignite.api.placement.PlacementGroup> groups = new ArrayList<>();
    directory.all().forEach(record -> groups.add(new PlacementGroupImpl(record)));
    return groups;
  }

  void remove(PlacementGroupId id) {
    PlacementGroupRecord record = directory.removed(id);
    if (record != null) {
      directory.releaseName(record);
      releaseGroupHere(id); // at once: this node's free resources show the removal on return
    }
  }

  PlacementGroupState state(PlacementGroupId id) {
    PlacementGroupRecord record = directory.get(id);
    if (record == null) {
      throw new RayException("placement group " + id + " is unknown to this cluster");
    }
    return record.state;
  }

  /** Waits until the group is CREATED; false on timeout; throws if it was removed. */
  boolean await(PlacementGroupId id, int timeoutSeconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.max(0, timeoutSeconds));
    synchronized (changes) {
      while (true) {
        PlacementGroupState state = state(id);
        if (state == PlacementGroupState.CREATED) {
          return true;
        }
        if (state == PlacementGroupState.REMOVED) {
          throw new RayException("placement group " + id + " was removed");
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(changes, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new RayException("interrupted while waiting for placement group " + id, e);
        }
      }
    }
  }

  /** The record of a group, or null. */
  PlacementGroupRecord record(PlacementGroupId id) {
    return directory.get(id);
  }

  // ---- placing ----

  private boolean coordinates(PlacementGroupRecord record) {
    if (runtime.isAlive(record.ownerId)) {
      return runtime.localNodeId().equals(record.ownerId);
    }
    if (!record.detached) {
      return false;
    }
    UUID smallest = view.nodes().stream().filter(n -> !n.client).map(n -> n.nodeId)
        .min(UUID::compareTo).orElse(null);
    return runtime.localNodeId().equals(smallest);
  }

  private void retryPending() {
    try {
      if (++ticks % SWEEP_EVERY_TICKS == 0) {
        sweepOrphans();
      }
      for (PlacementGroupRecord record : directory.all()) {
        if ((record.state == PlacementGroupState.PENDING || record.state == PlacementGroupState.RESCHEDULING)
            && coordinates(record)) {
          tryPlace(record.id);
        }
      }
    } catch (RuntimeException e) {
      LOG.debug("Placement retry failed: {}", e.toString());
    }
  }

  /** One attempt to reserve what the group still lacks. Runs on the placer thread. */
  private void tryPlace(PlacementGroupId id) {
    if (!placing.add(id)) {
      return;
    }
    try {
      PlacementGroupRecord record = directory.get(id);
      if (record == null || (record.state != PlacementGroupState.PENDING
          && record.state != PlacementGroupState.RESCHEDULING)) {
        return;
      }
      List<Integer> missing = new ArrayList<>();
      Set<UUID> kept = new HashSet<>();
      for (int i = 0; i < record.bundles.size(); i++) {
        UUID node = record.bundleNodes.get(i);
        if (node == null || !runtime.isAlive(node)) {
          missing.add(i);
        } else {
          kept.add(node);
        }
      }
      List<NodeRecord> candidates = candidates(record, kept);
      List<Map<String, Double>> available = new ArrayList<>();
      for (NodeRecord node : candidates) {
        available.add(node.nodeId.equals(runtime.localNodeId()) ? runtime.executor().free() : node.load.free());
      }
      List<Map<String, Double>> wanted = new ArrayList<>();
      missing.forEach(i -> wanted.add(record.bundles.get(i)));
      int[] assignment = BundlePlacement.place(wanted, record.strategy, available);
      if (assignment == null) {
        return;
      }
      List<UUID> nodes = new ArrayList<>(record.bundleNodes);
      List<Reservation> grants = new ArrayList<>();
      for (int k = 0; k < missing.size(); k++) {
        int bundle = missing.get(k);
        UUID node = candidates.get(assignment[k]).nodeId;
        nodes.set(bundle, node);
        grants.add(reserve(node, new BundleKey(id, bundle), record.bundles.get(bundle)));
      }
      boolean allGranted = true;
      boolean interrupted = false;
      // null: no answer (timeout, interrupt); the node may still grant it, so it is released too.
      Boolean[] granted = new Boolean[grants.size()];
      for (int k = 0; k < grants.size(); k++) {
        try {
          granted[k] = interrupted ? null : grants.get(k).reply.get(GRANT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (Exception e) {
          granted[k] = null;
        }
        allGranted &= Boolean.TRUE.equals(granted[k]);
      }
      try {
        if (allGranted && !interrupted) {
          PlacementGroupRecord now = directory.placed(id, nodes);
          if (now != null && !now.isRemoved()) {
            return;
          }
        }
        for (int k = 0; k < grants.size(); k++) {
          if (!Boolean.FALSE.equals(granted[k])) {
            release(grants.get(k));
          }
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    } finally {
      placing.remove(id);
    }
  }

  /** The nodes a group's missing bundles may go to. */
  private List<NodeRecord> candidates(PlacementGroupRecord record, Set<UUID> kept) {
    List<NodeRecord> nodes = new ArrayList<>();
    for (NodeRecord node : view.nodes()) {
      if (node.client) {
        continue;
      }
      if (record.strategy == PlacementStrategy.STRICT_SPREAD && kept.contains(node.nodeId)) {
        continue; // each bundle on a node of its own
      }
      if (record.strategy == PlacementStrategy.STRICT_PACK && !kept.isEmpty() && !kept.contains(node.nodeId)) {
        continue; // all bundles on the node the others are on
      }
      nodes.add(node);
    }
    return nodes;
  }

  private Reservation reserve(UUID node, BundleKey bundle, Map<String, Double> resources) {
    long request = requests.incrementAndGet();
    CompletableFuture<Boolean> reply = new CompletableFuture<>();
    replies.put(request, reply);
    reply.whenComplete((ok, error) -> replies.remove(request));
    runtime.sendBundleOp(node, new WireCodec.BundleOp(request, bundle, resources));
    return new Reservation(node, bundle, request, reply);
  }

  /** Takes back a reservation this coordinator asked for (a later one of the bundle stays). */
  private void release(Reservation reservation) {
    runtime.sendBundleOp(reservation.node, new WireCodec.BundleOp(reservation.request, reservation.bundle, null));
  }

  private record Reservation(UUID node, BundleKey bundle, long request, CompletableFuture<Boolean> reply) {}

  // ---- the node's side ----

  /** A coordinator asks this node to reserve or release a bundle. */
  void onBundleOp(UUID from, WireCodec.BundleOp op) {
    BundleKey bundle = op.bundle();
    if (op.resources() == null) {
      // Only the reservation this request made: a late release must not free a newer one.
      Grant grant = grants.get(bundle);
      if (grant != null && grant.coordinator.equals(from) && grant.request == op.requestId()
          && grants.remove(bundle, grant)) {
        releaseHere(bundle, "was released");
      }
      return;
    }
    PlacementGroupRecord record = directory.get(bundle.group());
    boolean ok = record != null && !record.isRemoved()
        && runtime.executor().reserveBundle(bundle, op.resources());
    if (ok) {
      grants.put(bundle, new Grant(from, op.requestId()));
      // A removal seen between the check and the reservation would have found nothing to free.
      PlacementGroupRecord now = directory.get(bundle.group());
      if (now == null || now.isRemoved()) {
        releaseHere(bundle, "was removed");
        ok = false;
      }
    }
    runtime.sendBundleReply(from, new WireCodec.BundleReply(op.requestId(), ok));
  }

  void onBundleReply(WireCodec.BundleReply reply) {
    CompletableFuture<Boolean> waiting = replies.get(reply.requestId());
    if (waiting != null) {
      waiting.complete(reply.ok());
    }
  }

  private void releaseGroupHere(PlacementGroupId group) {
    for (BundleKey bundle : runtime.executor().bundles()) {
      if (bundle.group().equals(group)) {
        releaseHere(bundle, "was removed");
      }
    }
  }

  private void releaseHere(BundleKey bundle, String why) {
    grants.remove(bundle);
    orphanSince.remove(bundle);
    RayException error = new RayException("placement group " + bundle.group() + " " + why
        + ": its tasks were cancelled");
    for (TaskSpec dropped : runtime.executor().releaseBundle(bundle)) {
      runtime.deliverFailure(dropped, error);
    }
  }

  /**
   * Frees bundles held here that no group assigns to this node: a coordinator that died, or
   * whose release was lost, between a grant and recording the group. A coordinator records or
   * releases within {@link #GRANT_TIMEOUT_MS}, so a bundle unassigned for much longer is an
   * orphan; one of a removed or unknown group is freed at once.
   */
  private void sweepOrphans() {
    long now = System.nanoTime();
    for (BundleKey bundle : runtime.executor().bundles()) {
      PlacementGroupRecord record = directory.get(bundle.group());
      if (record == null || record.isRemoved()) {
        releaseHere(bundle, "was removed");
        continue;
      }
      boolean assignedHere = bundle.index() < record.bundleNodes.size()
          && runtime.localNodeId().equals(record.bundleNodes.get(bundle.index()));
      if (assignedHere) {
        orphanSince.remove(bundle);
      } else if (now - orphanSince.computeIfAbsent(bundle, b -> now) > TimeUnit.MILLISECONDS.toNanos(ORPHAN_AFTER_MS)) {
        LOG.debug("Freeing bundle {} of placement group {}: no group assigns it to this node",
            bundle.index(), bundle.group());
        releaseHere(bundle, "was released");
      }
    }
    orphanSince.keySet().retainAll(runtime.executor().bundles());
  }

  // ---- events ----

  private void onRecord(PlacementGroupRecord record) {
    synchronized (changes) {
      changes.notifyAll();
    }
    if (!runtime.isRunning()) {
      return;
    }
    if (record.isRemoved()) {
      runtime.execute(() -> {
        releaseGroupHere(record.id);
        runtime.actorHost().groupRemoved(record.id);
      });
    }
    runtime.execute(runtime.submitter()::nodesChanged); // tasks waiting for the group may go now
  }

  /**
   * A node left: groups with bundles there are placed again; groups it owned or of its job (made
   * by its tasks) end unless detached.
   */
  void nodeLeft(UUID node) {
    int job = NodeRuntime.jobIdOf(node);
    for (PlacementGroupRecord record : directory.all()) {
      if (record.isRemoved()) {
        continue;
      }
      if ((record.ownerId.equals(node) || record.jobId == job) && !record.detached) {
        remove(record.id);
        continue;
      }
      if (record.bundleNodes.contains(node) && coordinates(record)) {
        List<UUID> nodes = new ArrayList<>(record.bundleNodes);
        nodes.replaceAll(n -> node.equals(n) ? null : n);
        directory.rescheduling(record.id, nodes);
        placer.execute(() -> tryPlace(record.id));
      }
    }
  }

  /** The job ends: its non-detached groups are removed. */
  void endOwned() {
    for (PlacementGroupRecord record : directory.all()) {
      if (!record.isRemoved() && !record.detached && runtime.localNodeId().equals(record.ownerId)) {
        try {
          remove(record.id);
        } catch (RuntimeException e) {
          LOG.debug("Could not remove placement group {}: {}", record.id, e.toString());
        }
      }
    }
  }
}
