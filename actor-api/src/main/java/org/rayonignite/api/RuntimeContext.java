package org.rayonignite.api;

import java.util.List;
import java.util.Map;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.options.RuntimeEnv;

/**
 * Where the calling code runs: job, task, actor, node, and what the cluster looks like.
 * From {@code Ray.getRuntimeContext()}.
 *
 * <p>It sits in the {@code actor-api} module because it hands out actor handles.
 */
public interface RuntimeContext {
  /** The job of the driver that submitted the running work (or of this driver). */
  JobId getCurrentJobId();

  /** The running task's id; null outside a task or actor method. */
  TaskId getCurrentTaskId();

  /** The running actor's id; null outside an actor. */
  ActorId getCurrentActorId();

  /** The node this code runs on. */
  NodeId getCurrentNodeId();

  /** Whether the running actor was restarted at least once. */
  boolean wasCurrentActorRestarted();

  /** Every node of the cluster that runs Ray, with totals, labels and liveness. */
  List<NodeInfo> getAllNodeInfo();

  /** Every actor in the cluster's actor table, dead ones included. */
  List<ActorInfo> getAllActorInfo();

  /** A handle to the running actor; fails outside an actor. */
  <A> ActorHandle<A> getCurrentActorHandle();

  /** The namespace of the job. */
  String getNamespace();

  /** Resources free cluster-wide, summed over live nodes. */
  Map<String, Double> getAvailableResources();

  /** The runtime environment of the running work (the job's outside a task). */
  RuntimeEnv getCurrentRuntimeEnv();
}
