package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.cluster.ClusterNode;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.exception.NodeDiedException;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.objectstore.ObjectStore;

/**
 * Picks the node a task runs on, from this node's view of the cluster; no network on the way.
 *
 * <p>A node is feasible when it is a Ray server node whose total resources fit the demand and
 * whose labels match the selector; hard node affinity and Ignite cache-key affinity narrow the
 * set to one node. Among feasible nodes the DEFAULT strategy prefers the node that holds most
 * bytes of the task's stored arguments, unless it is saturated; else a node whose reported free
 * resources fit the demand, least loaded first; load is the larger of what the node last
 * reported (running + queued) and what this node sent it and did not see finish, per CPU; this
 * node wins ties. SPREAD goes round robin. A node that handed the task back ({@code avoid}) is
 * passed over if any other fits. No feasible node: the task is infeasible and waits for one.
 */
final class Scheduler {
  /**
   * Queued-or-running tasks per CPU beyond which a node stops attracting tasks by locality; a
   * busier holder still gets them when their inputs are large (moving a MiB costs more than a
   * short wait), and spillback moves tasks that wait too long to a node with nothing queued.
   * (Measured at 8 per CPU: 48 tasks of 1 MiB inputs in flight on 3 nodes of 2 CPUs moved
   * 170 MB in a few seconds, whenever one node ran a little behind.)
   */
  private static final double SATURATED_LOAD = 2.0;
  private static final double SATURATED_LOAD_LARGE_INPUTS = 32.0;
  private static final long LARGE_INPUTS = 256 * 1024;

  private final Ignite ignite;
  private final UUID localNode;
  private final ClusterView view;
  private final ObjectStore store;
  private final ConcurrentHashMap<UUID, AtomicInteger> inflight = new ConcurrentHashMap<>();
  private final AtomicInteger roundRobin = new AtomicInteger();

  Scheduler(Ignite ignite, ClusterView view, ObjectStore store) {
    this.ignite = ignite;
    this.localNode = ignite.cluster().localNode().id();
    this.view = view;
    this.store = store;
  }

  /**
   * A choice: a node (with the cache partition to hold there, or the placement-group bundle to
   * draw on), a failure, or neither (infeasible for now).
   */
  record Decision(UUID node, RayException failure, int affinityPartition, BundleKey bundle) {
    static final Decision INFEASIBLE = new Decision(null, null, -1, null);

    Decision(UUID node, RayException failure) {
      this(node, failure, -1, null);
    }

    Decision(UUID node, RayException failure, int affinityPartition) {
      this(node, failure, affinityPartition, null);
    }

    boolean infeasible() {
      return node == null && failure == null;
    }
  }

  /** Finds placement groups' records; set once the placement-group manager exists. */
  volatile java.util.function.Function<org.rayonignite.api.PlacementGroupId, PlacementGroupRecord> groups;

  Decision place(ResourceSet demand, CallOptions options, TaskArg[] args, UUID avoid) {
    if (options.placementGroup != null) {
      return placeInGroup(demand, options);
    }
    if (options.affinityCache != null) {
      return placeByCacheKey(demand, options);
    }
    boolean handedBackByTarget = options.nodeAffinity != null && options.nodeAffinitySoft
        && options.nodeAffinity.toUuid().equals(avoid);
    if (options.nodeAffinity != null && !handedBackByTarget) {
      Decision pinned = placeByNodeAffinity(demand, options);
      if (pinned != null) {
        return pinned;
      }
    }
    List<NodeRecord> feasible = feasibleNodes(demand, options);
    if (feasible.isEmpty()) {
      return Decision.INFEASIBLE;
    }
    if (avoid != null && feasible.size() > 1) {
      feasible.removeIf(node -> node.nodeId.equals(avoid));
    }
    if (options.strategy == SchedulingStrategy.SPREAD) {
      return new Decision(feasible.get(Math.floorMod(roundRobin.getAndIncrement(), feasible.size())).nodeId, null);
    }
    Map<UUID, Long> argumentBytes = argumentBytes(args);
    NodeRecord byLocality = mostArgumentBytes(feasible, argumentBytes);
    if (byLocality != null) {
      long held = argumentBytes.get(byLocality.nodeId);
      double saturated = held >= LARGE_INPUTS ? SATURATED_LOAD_LARGE_INPUTS : SATURATED_LOAD;
      if (load(byLocality) < saturated) {
        return new Decision(byLocality.nodeId, null);
      }
    }
    List<NodeRecord> withRoom = new ArrayList<>(feasible.size());
    for (NodeRecord node : feasible) {
      if (demand.fitsIn(node.load.free())) {
        withRoom.add(node);
      }
    }
    return new Decision(leastLoaded(withRoom.isEmpty() ? feasible : withRoom).nodeId, null);
  }

  /** Work in a placement group runs on its bundle's node, from the bundle's resources. */
  private Decision placeInGroup(ResourceSet demand, CallOptions options) {
    org.rayonignite.api.PlacementGroupId id = options.placementGroup.getId();
    PlacementGroupRecord record = groups.apply(id);
    if (record == null) {
      return new Decision(null, new RayException("placement group " + id + " is unknown to this cluster"));
    }
    if (record.isRemoved()) {
      return new Decision(null, new RayException("placement group " + id + " was removed"));
    }
    if (record.state != org.rayonignite.api.placement.PlacementGroupState.CREATED) {
      return Decision.INFEASIBLE; // placed later: the task waits
    }
    int index = options.bundleIndex;
    if (index < 0) {
      int count = record.bundles.size();
      int start = Math.floorMod(roundRobin.getAndIncrement(), count);
      for (int k = 0; k < count && index < 0; k++) {
        int candidate = (start + k) % count;
        if (demand.fitsIn(record.bundles.get(candidate)) && record.bundleNodes.get(candidate) != null) {
          index = candidate;
        }
      }
      if (index < 0) {
        return new Decision(null, new RayException("no bundle of placement group " + id
            + " has the " + demand + " the task needs: " + record.bundles));
      }
    }
    UUID node = record.bundleNodes.get(index);
    if (node == null || view.node(node) == null) {
      return Decision.INFEASIBLE; // its bundle is being placed again
    }
    return new Decision(node, null, -1, new BundleKey(id, index));
  }

  private Decision placeByCacheKey(ResourceSet demand, CallOptions options) {
    Affinity<Object> affinity;
    ClusterNode primary;
    try {
      affinity = ignite.affinity(options.affinityCache);
      primary = affinity.mapKeyToNode(options.affinityKey);
    } catch (RuntimeException e) {
      return new Decision(null, new RayException("cannot place the task by key " + options.affinityKey
          + " of cache " + options.affinityCache + ": " + e.getMessage(), e));
    }
    if (primary == null) {
      return new Decision(null, new RayException("cache " + options.affinityCache
          + " does not exist or has no node for key " + options.affinityKey));
    }
    NodeRecord node = view.node(primary.id());
    return node != null && fits(node, demand, options)
        ? new Decision(node.nodeId, null, affinity.partition(options.affinityKey)) : Decision.INFEASIBLE;
  }

  /** Null when soft affinity falls back to the normal choice. */
  private Decision placeByNodeAffinity(ResourceSet demand, CallOptions options) {
    UUID target = options.nodeAffinity.toUuid();
    NodeRecord node = view.node(target);
    if (node == null) {
      if (options.nodeAffinitySoft) {
        return null;
      }
      if (view.hasDeparted(target)) {
        return new Decision(null, new NodeDiedException("the task has hard affinity to node "
            + options.nodeAffinity + ", which died"));
      }
      return new Decision(null, new RayException("the task has hard affinity to node "
          + options.nodeAffinity + ", which is not a live Ray node of this cluster"));
    }
    if (!fits(node, demand, options)) {
      return options.nodeAffinitySoft ? null : Decision.INFEASIBLE;
    }
    if (options.nodeAffinitySoft && load(node) >= SATURATED_LOAD) {
      return null;
    }
    return new Decision(target, null);
  }

  private List<NodeRecord> feasibleNodes(ResourceSet demand, CallOptions options) {
    List<NodeRecord> all = view.nodes();
    List<NodeRecord> feasible = new ArrayList<>(all.size());
    for (NodeRecord node : all) {
      if (fits(node, demand, options)) {
        feasible.add(node);
      }
    }
    return feasible;
  }

  private static boolean fits(NodeRecord node, ResourceSet demand, CallOptions options) {
    return !node.client && demand.fitsIn(node.resources)
        && (options.labelSelector == null || options.labelSelector.matches(node.labels));
  }

  /**
   * Bytes of the task's ObjectRef arguments per node: stored objects where their partition is,
   * small (inline) objects here, where their bytes already are. Plain values are not counted:
   * they travel with the task wherever it goes.
   */
  private Map<UUID, Long> argumentBytes(TaskArg[] args) {
    Map<UUID, Long> bytes = new HashMap<>();
    for (TaskArg arg : args) {
      if (arg == null) {
        continue;
      }
      if (arg.location() instanceof ObjectLocation.Stored stored) {
        UUID holder = store.primaryNode(stored.key());
        if (holder != null) {
          bytes.merge(holder, (long) stored.size(), Long::sum);
        }
      } else if (arg.kind() == TaskArg.Kind.REF) {
        bytes.merge(localNode, (long) arg.inlineBytes(), Long::sum);
      }
    }
    return bytes;
  }

  private NodeRecord mostArgumentBytes(List<NodeRecord> feasible, Map<UUID, Long> bytes) {
    if (bytes.isEmpty()) {
      return null;
    }
    NodeRecord best = null;
    long bestBytes = -1;
    for (NodeRecord node : feasible) {
      long held = bytes.getOrDefault(node.nodeId, 0L);
      if (held > bestBytes) {
        best = node;
        bestBytes = held;
      }
    }
    return bestBytes > 0 ? best : null;
  }

  private NodeRecord leastLoaded(List<NodeRecord> feasible) {
    double min = Double.MAX_VALUE;
    List<NodeRecord> ties = new ArrayList<>(2);
    for (NodeRecord node : feasible) {
      double load = load(node);
      if (load < min - 1e-9) {
        min = load;
        ties.clear();
        ties.add(node);
      } else if (Math.abs(load - min) <= 1e-9) {
        ties.add(node);
      }
    }
    for (NodeRecord node : ties) {
      if (node.nodeId.equals(localNode)) {
        return node;
      }
    }
    return ties.get(Math.floorMod(roundRobin.getAndIncrement(), ties.size()));
  }

  private double load(NodeRecord node) {
    AtomicInteger count = inflight.get(node.nodeId);
    int mine = count == null ? 0 : count.get();
    int reported = node.load.running() + node.load.queued();
    return Math.max(mine, reported) / Math.max(node.cpus(), 1.0);
  }

  void dispatched(UUID node) {
    inflight.computeIfAbsent(node, n -> new AtomicInteger()).incrementAndGet();
  }

  void finished(UUID node) {
    AtomicInteger count = inflight.get(node);
    if (count != null) {
      count.decrementAndGet();
    }
  }

  void nodeLeft(UUID node) {
    inflight.remove(node);
  }

  /** For error messages: the node's id as users see it. */
  static String describe(UUID node) {
    return NodeId.of(node).toString();
  }
}
