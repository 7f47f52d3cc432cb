package org.rayonignite.runtime;

import java.util.List;
import java.util.Map;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.call.BaseTaskCaller;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.api.placement.PlacementGroup;

/**
 * The options every task caller shares, written once: each setter checks its value into one
 * {@link CallOptions.Builder}; {@code remote()} builds the immutable options and submits.
 */
abstract class AbstractTaskCaller<C extends BaseTaskCaller<C>> implements BaseTaskCaller<C> {
  final NodeRuntime runtime;
  final RayFunction function;
  final Object[] args;
  final CallOptions.Builder options;

  AbstractTaskCaller(NodeRuntime runtime, RayFunction function, Object[] args, CallOptions.Builder options) {
    this.runtime = runtime;
    this.function = function;
    this.args = args;
    this.options = options;
  }

  abstract C self();

  @Override
  public C setName(String name) {
    options.name(name);
    return self();
  }

  @Override
  public C setResource(String name, Double value) {
    options.resource(name, value);
    return self();
  }

  @Override
  public C setResources(Map<String, Double> resources) {
    options.resources(resources);
    return self();
  }

  @Override
  public C setMaxRetries(int maxRetries) {
    options.maxRetries(maxRetries);
    return self();
  }

  @Override
  public C setRetryExceptions(boolean retryExceptions) {
    options.retryExceptions(retryExceptions);
    return self();
  }

  @Override
  public C setRetryExceptions(List<Class<? extends Throwable>> exceptionClasses) {
    options.retryExceptions(exceptionClasses);
    return self();
  }

  @Override
  public C setPlacementGroup(PlacementGroup group, int bundleIndex) {
    options.placementGroup(group, bundleIndex);
    return self();
  }

  @Override
  public C setPlacementGroup(PlacementGroup group) {
    return setPlacementGroup(group, -1);
  }

  @Override
  public C setSchedulingStrategy(SchedulingStrategy strategy) {
    options.strategy(strategy);
    return self();
  }

  @Override
  public C setNodeAffinity(NodeId nodeId, boolean soft) {
    options.nodeAffinity(nodeId, soft);
    return self();
  }

  @Override
  public C setLabelSelector(Map<String, String> labelSelector) {
    options.labelSelector(labelSelector);
    return self();
  }

  @Override
  public C setAffinity(String cacheName, Object key) {
    options.affinity(cacheName, key);
    return self();
  }

  @Override
  public C setRuntimeEnv(RuntimeEnv runtimeEnv) {
    options.runtimeEnv(runtimeEnv);
    return self();
  }

  List<ObjectRefImpl<Object>> submit() {
    return runtime.submitTask(function, args, options.build());
  }
}
