package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import javax.cache.Cache;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cache.query.QueryCursor;
import org.apache.ignite.cache.query.ScanQuery;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.internal.IgniteNodeAttributes;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.api.JobId;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.placement.PlacementGroupState;

/**
 * Reads a cluster's state for the {@code ray-ignite} command line, from any Ignite node of the
 * cluster (the command line's client node): the node, actor and placement-group tables straight
 * from their caches, and the tasks, objects and waiting work from the nodes themselves, through
 * one Ignite job per server node ({@link NodeStateQuery}) per call. Rows are ordered maps with
 * Ray's field names ({@code task_id}, {@code state}, ...) and plain values: strings, numbers,
 * booleans, maps, or null.
 *
 * <p>Not part of the API.
 */
public final class ClusterStateReader {
  /** How long a node may take to answer before the listing goes on without it. */
  private static final long QUERY_TIMEOUT_MS = 15_000;

  private final Ignite ignite;
  private final List<String> warnings = new ArrayList<>();
  /** The nodes' reports by the sections asked for: a reader asks each node once per kind. */
  private final Map<String, List<NodeReport>> reports = new HashMap<>();

  public ClusterStateReader(Ignite ignite) {
    this.ignite = ignite;
  }

  /** What the listings so far left out (nodes that did not answer, rows dropped from full tables). */
  public List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** The Ray nodes alive in the cluster, by id, then those the live ones saw leave (DEAD). */
  public List<Map<String, Object>> nodes() {
    Map<UUID, Long> pids = pids();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (NodeRecord node : nodeRecords()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("node_id", NodeId.of(node.nodeId).toString());
      row.put("address", node.address);
      row.put("state", "ALIVE");
      row.put("resources_total", sorted(node.resources));
      row.put("resources_available", sorted(available(node.resources, node.load.free())));
      row.put("labels", new TreeMap<>(node.labels));
      row.put("pid", pids.get(node.nodeId));
      row.put("is_client", node.client);
      row.put("running_tasks", node.load.running());
      row.put("queued_tasks", node.load.queued());
      row.put("bytes_fetched", node.load.bytesFetched());
      rows.add(row);
    }
    for (NodeRecord node : deadNodes()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("node_id", NodeId.of(node.nodeId).toString());
      row.put("address", node.address);
      row.put("state", "DEAD");
      row.put("resources_total", sorted(node.resources));
      row.put("resources_available", null);
      row.put("labels", new TreeMap<>(node.labels));
      row.put("pid", null);
      row.put("is_client", node.client);
      rows.add(row);
    }
    return rows;
  }

  /** The nodes that left the cluster, as the live nodes remember them. */
  private List<NodeRecord> deadNodes() {
    Map<UUID, NodeRecord> dead = new TreeMap<>();
    // Every report says which nodes left: any reports read already do.
    List<NodeReport> any = reports.isEmpty() ? reports(false, false, false)
        : reports.values().iterator().next();
    for (NodeReport report : any) {
      report.departed.forEach(node -> dead.put(node.nodeId, node));
    }
    dead.keySet().removeIf(id -> ignite.cluster().node(id) != null);
    return new ArrayList<>(dead.values());
  }

  /** Every actor in the actor table, dead ones included (as Ray). */
  public List<Map<String, Object>> actors() {
    Map<UUID, Long> pids = pids();
    List<ActorRecord> records = scan(ActorDirectory.ACTORS);
    records.sort(Comparator.comparing(record -> record.actorId.toString()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (ActorRecord actor : records) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("actor_id", actor.actorId.toString());
      row.put("class_name", actor.className);
      row.put("state", actor.state.name());
      row.put("job_id", JobId.of(actor.jobId).toString());
      row.put("name", actor.name);
      row.put("node_id", actor.nodeId == null ? null : NodeId.of(actor.nodeId).toString());
      row.put("pid", actor.nodeId == null || actor.isDead() ? null : pids.get(actor.nodeId));
      row.put("ray_namespace", actor.namespace);
      row.put("num_restarts", actor.numRestarts);
      row.put("max_restarts", actor.maxRestarts);
      row.put("lifetime", actor.detached ? "DETACHED" : "NON_DETACHED");
      row.put("death_cause", actor.deathCause);
      row.put("owner_node_id", actor.ownerId == null ? null : NodeId.of(actor.ownerId).toString());
      rows.add(row);
    }
    return rows;
  }

  /** Every placement group in the table, removed ones included. */
  public List<Map<String, Object>> placementGroups() {
    List<PlacementGroupRecord> records = scan(PlacementGroupDirectory.GROUPS);
    records.sort(Comparator.comparing(record -> record.id.toString()));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (PlacementGroupRecord group : records) {
      List<Object> bundles = new ArrayList<>();
      List<Object> bundleNodes = new ArrayList<>();
      for (int i = 0; i < group.bundles.size(); i++) {
        bundles.add(sorted(group.bundles.get(i)));
        UUID node = i < group.bundleNodes.size() ? group.bundleNodes.get(i) : null;
        bundleNodes.add(node == null ? null : NodeId.of(node).toString());
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("placement_group_id", group.id.toString());
      row.put("name", group.name);
      row.put("creator_job_id", JobId.of(group.jobId).toString());
      row.put("state", group.state.name());
      row.put("strategy", group.strategy.name());
      row.put("bundles", bundles);
      row.put("bundle_node_ids", bundleNodes);
      row.put("ray_namespace", group.namespace);
      row.put("lifetime", group.detached ? "DETACHED" : "NON_DETACHED");
      row.put("owner_node_id", group.ownerId == null ? null : NodeId.of(group.ownerId).toString());
      rows.add(row);
    }
    return rows;
  }

  /** The tasks and actor calls the nodes remember, one row per task (its latest attempt). */
  public List<Map<String, Object>> tasks() {
    List<NodeReport> answers = reports(true, false, false);
    for (NodeReport report : answers) {
      if (report.ownedDropped > 0 || report.executedDropped > 0) {
        warnings.add("node " + NodeId.of(report.nodeId) + " keeps the last "
            + NodeRuntime.TASK_HISTORY + " tasks it submitted and ran: " + report.ownedDropped
            + " submitted and " + report.executedDropped + " run are no longer listed");
      }
    }
    return new TaskRows(answers, pids()).rows();
  }

  /** Chrome trace events ({@code "ph": "X"}) of every run the nodes remember. */
  public List<Map<String, Object>> timeline() {
    return new TaskRows(reports(true, false, false), pids()).traceEvents();
  }

  /** The objects the nodes created (the last ones of each), with their size and where they are. */
  public List<Map<String, Object>> objects() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (NodeReport report : reports(false, true, false)) {
      if (report.objectsDropped > 0) {
        warnings.add("node " + NodeId.of(report.nodeId) + " lists the last "
            + ObjectManager.OBJECT_HISTORY + " objects it created: " + report.objectsDropped
            + " are no longer listed");
      }
      for (int i = 0; i < report.objects.size(); i++) {
        CreatedObject object = report.objects.get(i);
        UUID node = report.objectNodes.get(i);
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("object_id", object.objectId.toString());
        row.put("object_size", object.size);
        row.put("storage", object.inline() ? "INLINE" : "OBJECT_STORE");
        row.put("node_id", node == null ? null : NodeId.of(node).toString());
        row.put("owner_node_id", NodeId.of(report.nodeId).toString());
        row.put("job_id", JobId.of(report.jobId).toString());
        row.put("created_by", object.createdBy == null ? "put" : object.createdBy);
        rows.add(row);
      }
    }
    return rows;
  }

  /** How many objects each node's part of the object store holds (whoever owns them). */
  public Map<String, Integer> storedObjectsByNode() {
    Map<String, Integer> counts = new TreeMap<>();
    for (NodeReport report : reports(false, true, false)) {
      counts.put(NodeId.of(report.nodeId).toString(), report.storedObjects);
    }
    return counts;
  }

  /**
   * The cluster's status: each node's resources (total, used, available), the cluster's, and the
   * work waiting for resources ({@code demands}).
   */
  public Map<String, Object> status() {
    Map<UUID, NodeReport> byNode = new HashMap<>();
    reports(false, false, true).forEach(report -> byNode.put(report.nodeId, report));
    Map<UUID, Long> pids = pids();
    Map<String, Double> clusterTotal = new TreeMap<>();
    Map<String, Double> clusterAvailable = new TreeMap<>();
    List<Map<String, Object>> nodes = new ArrayList<>();
    List<Map<String, Object>> demands = new ArrayList<>();
    for (NodeRecord node : nodeRecords()) {
      if (node.client) {
        continue;
      }
      NodeReport report = byNode.get(node.nodeId);
      Map<String, Double> available = available(node.resources,
          report != null ? report.available : node.load.free());
      node.resources.forEach((name, amount) -> clusterTotal.merge(name, amount, Double::sum));
      available.forEach((name, amount) -> clusterAvailable.merge(name, amount, Double::sum));
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("node_id", NodeId.of(node.nodeId).toString());
      row.put("address", node.address);
      row.put("pid", pids.get(node.nodeId));
      row.put("resources_total", sorted(node.resources));
      row.put("resources_used", used(node.resources, available));
      row.put("resources_available", sorted(available));
      row.put("labels", new TreeMap<>(node.labels));
      nodes.add(row);
      if (report != null) {
        for (Demand demand : report.demands) {
          demands.add(demandRow(demand, node.nodeId));
        }
      }
    }
    for (PlacementGroupRecord group : this.<PlacementGroupRecord>scan(PlacementGroupDirectory.GROUPS)) {
      if (group.state == PlacementGroupState.PENDING || group.state == PlacementGroupState.RESCHEDULING) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("reason", "PENDING_PLACEMENT_GROUP");
        List<Object> bundles = new ArrayList<>();
        group.bundles.forEach(bundle -> bundles.add(sorted(bundle)));
        row.put("shape", bundles);
        row.put("count", 1);
        row.put("placement_group_id", group.id.toString());
        row.put("strategy", group.strategy.name());
        demands.add(row);
      }
    }
    List<String> dead = new ArrayList<>();
    for (NodeRecord node : deadNodes()) {
      dead.add(NodeId.of(node.nodeId) + " (" + node.address + ")");
    }
    Map<String, Object> status = new LinkedHashMap<>();
    status.put("nodes_alive", nodes.size());
    status.put("nodes_dead", dead);
    status.put("resources_total", clusterTotal);
    status.put("resources_used", used(clusterTotal, clusterAvailable));
    status.put("resources_available", clusterAvailable);
    status.put("nodes", nodes);
    status.put("demands", demands);
    return status;
  }

  private static Map<String, Object> demandRow(Demand demand, UUID node) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("reason", switch (demand.kind) {
      case QUEUED -> "QUEUED";
      case INFEASIBLE -> "INFEASIBLE";
      case PLACEMENT_GROUP -> "WAITING_FOR_PLACEMENT_GROUP";
    });
    row.put("shape", sorted(demand.shape));
    row.put("count", demand.count);
    row.put(demand.kind == Demand.Kind.QUEUED ? "node_id" : "owner_node_id", NodeId.of(node).toString());
    if (demand.constraint != null) {
      row.put("constraint", demand.constraint);
    }
    return row;
  }


  // ---- reading ----

  private List<NodeRecord> nodeRecords() {
    List<NodeRecord> records = scan(ClusterView.CACHE_NAME);
    records.removeIf(record -> ignite.cluster().node(record.nodeId) == null); // left, not yet removed
    records.sort(Comparator.comparing(record -> record.nodeId));
    return records;
  }

  /** The values of a metadata table; empty if no Ray node made it yet. */
  private <V> List<V> scan(String cacheName) {
    IgniteCache<Object, V> cache = ignite.cache(cacheName);
    List<V> values = new ArrayList<>();
    if (cache == null) {
      return values;
    }
    try (QueryCursor<Cache.Entry<Object, V>> cursor = cache.query(new ScanQuery<>())) {
      for (Cache.Entry<Object, V> entry : cursor) {
        values.add(entry.getValue());
      }
    }
    return values;
  }

  /**
   * The report of each Ray node (drivers in client mode too), asked of all at once; a node that
   * fails to answer is left out.
   */
  private List<NodeReport> reports(boolean tasks, boolean objects, boolean demands) {
    return reports.computeIfAbsent(tasks + "/" + objects + "/" + demands,
        sections -> ask(tasks, objects, demands));
  }

  private List<NodeReport> ask(boolean tasks, boolean objects, boolean demands) {
    Map<ClusterNode, IgniteFuture<NodeReport>> answers = new LinkedHashMap<>();
    for (NodeRecord record : nodeRecords()) {
      ClusterNode node = ignite.cluster().node(record.nodeId);
      if (node != null) {
        answers.put(node, ignite.compute(ignite.cluster().forNode(node)).withTimeout(QUERY_TIMEOUT_MS)
            .withNoFailover().callAsync(new NodeStateQuery(tasks, objects, demands)));
      }
    }
    List<NodeReport> answered = new ArrayList<>();
    answers.forEach((node, answer) -> {
      try {
        NodeReport report = answer.get();
        if (report != null) {
          answered.add(report);
        }
      } catch (IgniteException e) {
        warnings.add("node " + NodeId.of(node.id()) + " did not answer: " + e.getMessage());
      }
    });
    return answered;
  }

  /** Each node's JVM process id, as Ignite publishes it. */
  private Map<UUID, Long> pids() {
    Map<UUID, Long> pids = new HashMap<>();
    for (ClusterNode node : ignite.cluster().nodes()) {
      Object pid = node.attribute(IgniteNodeAttributes.ATTR_JVM_PID);
      if (pid instanceof Number number) {
        pids.put(node.id(), number.longValue());
      }
    }
    return pids;
  }

  private static Map<String, Double> available(Map<String, Double> total, Map<String, Double> free) {
    Map<String, Double> available = new TreeMap<>();
    total.forEach((name, amount) -> available.put(name, free.getOrDefault(name, amount)));
    return available;
  }

  private static Map<String, Double> used(Map<String, Double> total, Map<String, Double> available) {
    Map<String, Double> used = new TreeMap<>();
    total.forEach((name, amount) -> used.put(name, Math.max(0, amount - available.getOrDefault(name, amount))));
    return used;
  }

  private static Map<String, Double> sorted(Map<String, Double> resources) {
    return new TreeMap<>(resources);
  }
}
