package org.rayonignite.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.actor.ActorCreator;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.api.placement.PlacementGroup;

/**
 * The creation of an actor: scheduling options (as a task's) plus the actor's own. By default an
 * actor needs 1 CPU to be placed and holds none while alive (as Ray); explicit resources are held
 * for its life.
 */
final class ActorCreatorImpl<A> implements ActorCreator<A> {
  private final NodeRuntime runtime;
  private final RayFunction constructor;
  private final Object[] args;
  private final CallOptions.Builder placement = new CallOptions.Builder();
  private final ActorOptions actor = new ActorOptions();
  private Map<String, Double> explicitResources;

  /** The options that are the actor's, not its placement's. */
  static final class ActorOptions {
    String name;
    String namespace;
    ActorLifetime lifetime = ActorLifetime.NON_DETACHED;
    int maxRestarts;
    int maxTaskRetries;
    int maxConcurrency = 1;
    int maxPendingCalls = -1;
    boolean holdsResources;
  }

  ActorCreatorImpl(NodeRuntime runtime, RayFunction constructor, Object[] args) {
    this.runtime = runtime;
    this.constructor = constructor;
    this.args = args;
    placement.maxRetries(CallOptions.DEFAULT_MAX_RETRIES);
  }

  @Override
  public ActorCreator<A> setName(String name) {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("actor name must not be blank: \"" + name + "\"");
    }
    actor.name = name;
    return this;
  }

  @Override
  public ActorCreator<A> setName(String name, String namespace) {
    setName(name);
    if (namespace == null || namespace.isBlank()) {
      throw new IllegalArgumentException("namespace must not be blank: \"" + namespace + "\"");
    }
    actor.namespace = namespace;
    return this;
  }

  @Override
  public ActorCreator<A> setLifetime(ActorLifetime lifetime) {
    if (lifetime == null) {
      throw new NullPointerException("lifetime");
    }
    actor.lifetime = lifetime;
    return this;
  }

  @Override
  public ActorCreator<A> setResource(String name, Double value) {
    if (explicitResources == null) {
      explicitResources = new LinkedHashMap<>();
    }
    explicitResources.put(name, value);
    placement.resources(explicitResourcesWithoutDefaultCpu());
    return this;
  }

  @Override
  public ActorCreator<A> setResources(Map<String, Double> resources) {
    if (resources == null) {
      throw new NullPointerException("resources");
    }
    explicitResources = new LinkedHashMap<>(resources);
    placement.resources(explicitResourcesWithoutDefaultCpu());
    return this;
  }

  /** An actor with explicit resources holds exactly those: no CPU unless it asks for one. */
  private Map<String, Double> explicitResourcesWithoutDefaultCpu() {
    Map<String, Double> resources = new LinkedHashMap<>(explicitResources);
    resources.putIfAbsent("CPU", 0.0);
    return resources;
  }

  @Override
  public ActorCreator<A> setMaxRestarts(int maxRestarts) {
    if (maxRestarts < -1) {
      throw new IllegalArgumentException("maxRestarts must be >= -1 (-1 = unlimited), got " + maxRestarts);
    }
    actor.maxRestarts = maxRestarts;
    return this;
  }

  @Override
  public ActorCreator<A> setMaxTaskRetries(int maxTaskRetries) {
    if (maxTaskRetries < -1) {
      throw new IllegalArgumentException("maxTaskRetries must be >= -1 (-1 = unlimited), got " + maxTaskRetries);
    }
    actor.maxTaskRetries = maxTaskRetries;
    return this;
  }

  @Override
  public ActorCreator<A> setMaxConcurrency(int maxConcurrency) {
    if (maxConcurrency < 1) {
      throw new IllegalArgumentException("maxConcurrency must be >= 1, got " + maxConcurrency);
    }
    actor.maxConcurrency = maxConcurrency;
    return this;
  }

  @Override
  public ActorCreator<A> setMaxPendingCalls(int maxPendingCalls) {
    if (maxPendingCalls < 1 && maxPendingCalls != -1) {
      throw new IllegalArgumentException("maxPendingCalls must be >= 1 (or -1 = unlimited), got "
          + maxPendingCalls);
    }
    actor.maxPendingCalls = maxPendingCalls;
    return this;
  }

  @Override
  public ActorCreator<A> setPlacementGroup(PlacementGroup group, int bundleIndex) {
    placement.placementGroup(group, bundleIndex);
    return this;
  }

  @Override
  public ActorCreator<A> setPlacementGroup(PlacementGroup group) {
    return setPlacementGroup(group, -1);
  }

  @Override
  public ActorCreator<A> setSchedulingStrategy(SchedulingStrategy strategy) {
    placement.strategy(strategy);
    return this;
  }

  @Override
  public ActorCreator<A> setNodeAffinity(NodeId nodeId, boolean soft) {
    placement.nodeAffinity(nodeId, soft);
    return this;
  }

  @Override
  public ActorCreator<A> setLabelSelector(Map<String, String> labelSelector) {
    placement.labelSelector(labelSelector);
    return this;
  }

  @Override
  public ActorCreator<A> setRuntimeEnv(RuntimeEnv runtimeEnv) {
    placement.runtimeEnv(runtimeEnv);
    return this;
  }

  @Override
  public ActorHandle<A> remote() {
    actor.holdsResources = explicitResources != null;
    placement.name(constructor.descriptor.displayName());
    CallOptions options = RuntimeEnvs.effective(runtime, placement.build());
    options.checkFitsBundle("the actor");
    return runtime.actors().create(constructor, args, options, actor);
  }
}
