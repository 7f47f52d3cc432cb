package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteException;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.rayonignite.api.TaskId;

/**
 * Asks nodes which of an owner's tasks they are running now. Nodes do not report each start (a
 * message per task on the hot path); an owner listing its tasks asks the nodes it sent tasks to,
 * one Ignite job per node, when the list is read.
 */
final class RunningTasksQuery implements IgniteCallable<ArrayList<String>> {
  private static final long serialVersionUID = 1L;
  private static final long TIMEOUT_MS = 5_000;

  private final UUID owner;
  @IgniteInstanceResource
  private transient Ignite ignite;

  private RunningTasksQuery(UUID owner) {
    this.owner = owner;
  }

  /** The tasks of {@code owner} running on {@code nodes}; a node that does not answer counts none. */
  static Set<TaskId> ask(Ignite ignite, Collection<UUID> nodes, UUID owner) {
    Set<TaskId> running = new HashSet<>();
    List<UUID> alive = new ArrayList<>();
    for (UUID node : nodes) {
      ClusterNode clusterNode = ignite.cluster().node(node);
      if (clusterNode != null) {
        alive.add(node);
      }
    }
    if (alive.isEmpty()) {
      return running;
    }
    try {
      Collection<ArrayList<String>> answers = ignite.compute(ignite.cluster().forNodeIds(alive))
          .withTimeout(TIMEOUT_MS).withNoFailover().broadcast(new RunningTasksQuery(owner));
      for (ArrayList<String> answer : answers) {
        answer.forEach(hex -> running.add(TaskId.fromHex(hex)));
      }
    } catch (IgniteException e) {
      // A node left or is slow: its tasks show as submitted, as before this query.
    }
    return running;
  }

  @Override
  public ArrayList<String> call() {
    ArrayList<String> hex = new ArrayList<>();
    NodeRuntime runtime = NodeRuntime.ofNode(ignite.cluster().localNode().id());
    if (runtime != null) {
      runtime.runningOwnedBy(owner).forEach(taskId -> hex.add(taskId.toString()));
    }
    return hex;
  }
}
