package org.rayonignite.runtime;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.resources.IgniteInstanceResource;
import org.rayonignite.api.TaskId;

/**
 * The Ignite job {@code ray-ignite} sends to every server node to learn its state: read on the
 * node from the tables it keeps anyway (no task reports anything as it runs), once per command.
 * A node without a Ray runtime answers null.
 */
final class NodeStateQuery implements IgniteCallable<NodeReport> {
  private static final long serialVersionUID = 1L;

  private final boolean tasks;
  private final boolean objects;
  private final boolean demands;
  @IgniteInstanceResource
  private transient Ignite ignite;

  NodeStateQuery(boolean tasks, boolean objects, boolean demands) {
    this.tasks = tasks;
    this.objects = objects;
    this.demands = demands;
  }

  @Override
  public NodeReport call() {
    NodeRuntime runtime = NodeRuntime.ofNode(ignite.cluster().localNode().id());
    if (runtime == null || !runtime.isRunning()) {
      return null;
    }
    NodeReport report = new NodeReport(runtime.localNodeId(), runtime.jobId());
    report.departed.addAll(runtime.clusterView().departedNodes());
    if (tasks) {
      // Owned tasks never show RUNNING here: the nodes that run them say so (report.running).
      Set<TaskId> none = Set.of();
      report.ownedTasks.addAll(runtime.submitter().listTasks(none));
      report.ownedDropped = runtime.submitter().droppedTasks();
      report.executedTasks.addAll(runtime.executedTasks());
      report.executedDropped = runtime.executedDropped();
      report.running.addAll(new HashSet<>(runtime.runningOwnedBy(null)));
    }
    if (objects) {
      ObjectManager objectManager = runtime.objects();
      List<CreatedObject> created = objectManager.createdObjects();
      for (CreatedObject object : created) {
        report.objects.add(object);
        report.objectNodes.add(object.inline() ? runtime.localNodeId()
            : objectManager.store().primaryNode(object.storeKey));
      }
      report.objectsDropped = objectManager.createdDropped();
      report.storedObjects = objectManager.store().localObjectCount();
    }
    if (demands) {
      report.demands.addAll(runtime.executor().queuedDemands());
      report.demands.addAll(runtime.submitter().parkedDemands());
      report.available.putAll(runtime.executor().free());
    }
    return report;
  }
}
