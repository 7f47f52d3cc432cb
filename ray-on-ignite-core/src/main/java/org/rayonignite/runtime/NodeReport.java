package org.rayonignite.runtime;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.UUID;
import org.rayonignite.api.TaskId;
import org.rayonignite.state.TaskInfo;

/**
 * What one node tells {@code ray-ignite} of itself ({@link NodeStateQuery}): the tasks it owns and
 * those it ran, what runs there now, the objects it created, and the work waiting for resources.
 * Only the sections asked for are filled. (A plain class: Ignite's binary marshaller cannot build
 * records.)
 */
final class NodeReport implements Serializable {
  private static final long serialVersionUID = 1L;

  final UUID nodeId;
  /** The job of the runtime on this node: the job of the tasks, actors and objects it owns. */
  final int jobId;

  /** The nodes this node saw leave the cluster (always filled: it is short). */
  ArrayList<NodeRecord> departed = new ArrayList<>();

  /** Tasks this node submitted: unfinished (never RUNNING: see {@link #running}), then finished. */
  ArrayList<TaskInfo> ownedTasks = new ArrayList<>();
  long ownedDropped;
  /** Runs of tasks and actor calls on this node, whoever submitted them. */
  ArrayList<ExecutedTask> executedTasks = new ArrayList<>();
  long executedDropped;
  /** Tasks and actor calls running here now, whoever submitted them. */
  ArrayList<TaskId> running = new ArrayList<>();

  /** Objects this node created, and for each the node holding its bytes (null: inline, or lost). */
  ArrayList<CreatedObject> objects = new ArrayList<>();
  ArrayList<UUID> objectNodes = new ArrayList<>();
  long objectsDropped;
  /** Objects whose primary copy this node's part of the store holds. */
  int storedObjects;

  /** Work this node queues, or owns and cannot place. */
  ArrayList<Demand> demands = new ArrayList<>();
  /** Resources free now (fresher than the load in the node registry). */
  HashMap<String, Double> available = new HashMap<>();

  NodeReport(UUID nodeId, int jobId) {
    this.nodeId = nodeId;
    this.jobId = jobId;
  }
}
