package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.ActorInfo;
import org.rayonignite.api.JobId;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.RuntimeContext;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.options.RuntimeEnv;

/** The runtime context of the calling thread: the running task's if any, else the node's own. */
final class RuntimeContextImpl implements RuntimeContext {
  private final NodeRuntime runtime;

  RuntimeContextImpl(NodeRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public JobId getCurrentJobId() {
    return JobId.of(runtime.currentJobId());
  }

  @Override
  public TaskId getCurrentTaskId() {
    TaskContext task = TaskContext.current();
    return task != null ? task.spec.taskId : null;
  }

  @Override
  public ActorId getCurrentActorId() {
    TaskContext task = TaskContext.current();
    return task != null && task.actor != null ? task.actor.id : null;
  }

  @Override
  public NodeId getCurrentNodeId() {
    return NodeId.of(runtime.localNodeId());
  }

  @Override
  public boolean wasCurrentActorRestarted() {
    TaskContext task = TaskContext.current();
    return task != null && task.actor != null && task.actor.numRestarts > 0;
  }

  @Override
  public List<NodeInfo> getAllNodeInfo() {
    List<NodeInfo> nodes = new ArrayList<>();
    for (NodeRecord record : runtime.clusterView().nodes()) {
      nodes.add(new NodeInfo(NodeId.of(record.nodeId), record.address,
          runtime.isAlive(record.nodeId), record.resources, record.labels, freeOf(record)));
    }
    return nodes;
  }

  @Override
  public List<ActorInfo> getAllActorInfo() {
    return runtime.actors().all();
  }

  @Override
  public <A> ActorHandle<A> getCurrentActorHandle() {
    TaskContext task = TaskContext.current();
    if (task == null || task.actor == null) {
      throw new IllegalStateException("getCurrentActorHandle() must be called inside an actor method");
    }
    return new ActorHandleImpl<>(runtime, task.actor.id, -1);
  }

  @Override
  public String getNamespace() {
    return runtime.currentNamespace();
  }

  @Override
  public Map<String, Double> getAvailableResources() {
    Map<String, Double> available = new LinkedHashMap<>();
    for (NodeRecord record : runtime.clusterView().nodes()) {
      if (!record.client) {
        freeOf(record).forEach((name, amount) -> available.merge(name, amount, Double::sum));
      }
    }
    return available;
  }

  /** Free resources of a node: exact for this node, as last reported for the others (never below 0). */
  private Map<String, Double> freeOf(NodeRecord record) {
    Map<String, Double> free = new LinkedHashMap<>();
    Map<String, Double> reported = record.nodeId.equals(runtime.localNodeId())
        ? runtime.executor().free() : record.load.free();
    record.resources.forEach((name, total) -> free.put(name, Math.max(0, reported.getOrDefault(name, 0.0))));
    return free;
  }

  @Override
  public RuntimeEnv getCurrentRuntimeEnv() {
    return RuntimeEnvs.inherited(runtime);
  }
}
