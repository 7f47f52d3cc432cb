package org.rayonignite.runtime;

import java.util.List;
import java.util.Map;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.api.placement.PlacementGroup;

/** The options of one task call, immutable; filled by a caller's builder. */
final class CallOptions {
  static final int DEFAULT_MAX_RETRIES = 3;

  final String name;
  final ResourceSet resources;
  final int maxRetries;
  final boolean retryAllExceptions;
  final List<Class<? extends Throwable>> retryExceptions;
  final PlacementGroup placementGroup;
  final int bundleIndex;
  final SchedulingStrategy strategy;
  final NodeId nodeAffinity;
  final boolean nodeAffinitySoft;
  final LabelSelector labelSelector;
  final String affinityCache;
  final Object affinityKey;
  final RuntimeEnv runtimeEnv;
  final int numReturns;
  /** Whether the task streams its results; then {@link #generatorBackpressure} applies. */
  final boolean streaming;
  /** Elements produced and not consumed before the producer waits; 0 = unbounded. */
  final int generatorBackpressure;

  private CallOptions(Builder b) {
    this.name = b.name;
    this.resources = b.resources;
    this.maxRetries = b.maxRetries;
    this.retryAllExceptions = b.retryAllExceptions;
    this.retryExceptions = b.retryExceptions;
    this.placementGroup = b.placementGroup;
    this.bundleIndex = b.bundleIndex;
    this.strategy = b.strategy;
    this.nodeAffinity = b.nodeAffinity;
    this.nodeAffinitySoft = b.nodeAffinitySoft;
    this.labelSelector = b.labelSelector;
    this.affinityCache = b.affinityCache;
    this.affinityKey = b.affinityKey;
    this.runtimeEnv = b.runtimeEnv;
    this.numReturns = b.numReturns;
    this.streaming = b.streaming;
    this.generatorBackpressure = b.generatorBackpressure;
  }

  private CallOptions(CallOptions o, RuntimeEnv runtimeEnv) {
    this.name = o.name;
    this.resources = o.resources;
    this.maxRetries = o.maxRetries;
    this.retryAllExceptions = o.retryAllExceptions;
    this.retryExceptions = o.retryExceptions;
    this.placementGroup = o.placementGroup;
    this.bundleIndex = o.bundleIndex;
    this.strategy = o.strategy;
    this.nodeAffinity = o.nodeAffinity;
    this.nodeAffinitySoft = o.nodeAffinitySoft;
    this.labelSelector = o.labelSelector;
    this.affinityCache = o.affinityCache;
    this.affinityKey = o.affinityKey;
    this.runtimeEnv = runtimeEnv;
    this.numReturns = o.numReturns;
    this.streaming = o.streaming;
    this.generatorBackpressure = o.generatorBackpressure;
  }

  /** These options with {@code env} as the runtime environment (this if it is the same). */
  CallOptions withRuntimeEnv(RuntimeEnv env) {
    return env == runtimeEnv || env.equals(runtimeEnv) ? this : new CallOptions(this, env);
  }

  /** Rejects a demand that its placement-group bundle (or every bundle, for -1) cannot hold. */
  void checkFitsBundle(String what) {
    if (placementGroup == null) {
      return;
    }
    java.util.List<Map<String, Double>> bundles = placementGroup.getBundles();
    boolean fits = bundleIndex >= 0 ? resources.fitsIn(bundles.get(bundleIndex))
        : bundles.stream().anyMatch(resources::fitsIn);
    if (!fits) {
      throw new IllegalArgumentException(what + " needs " + resources + " but "
          + (bundleIndex >= 0 ? "bundle " + bundleIndex + " of placement group "
              + placementGroup.getId() + " has only " + bundles.get(bundleIndex)
              : "no bundle of placement group " + placementGroup.getId() + " has that: " + bundles));
    }
  }

  boolean retries(String exceptionClassName, ClassLoader loader) {
    if (retryAllExceptions) {
      return true;
    }
    if (retryExceptions.isEmpty() || exceptionClassName == null) {
      return false;
    }
    try {
      Class<?> thrown = Class.forName(exceptionClassName, false, loader);
      return retryExceptions.stream().anyMatch(c -> c.isAssignableFrom(thrown));
    } catch (ClassNotFoundException e) {
      return retryExceptions.stream().anyMatch(c -> c.getName().equals(exceptionClassName));
    }
  }

  /** Builds {@link CallOptions}; each setter checks its value. */
  static final class Builder {
    private String name;
    private ResourceSet resources = ResourceSet.ONE_CPU;
    private java.util.LinkedHashMap<String, Double> resourceMap;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private boolean retryAllExceptions;
    private List<Class<? extends Throwable>> retryExceptions = List.of();
    private PlacementGroup placementGroup;
    private int bundleIndex = -1;
    private SchedulingStrategy strategy = SchedulingStrategy.DEFAULT;
    private NodeId nodeAffinity;
    private boolean nodeAffinitySoft;
    private LabelSelector labelSelector;
    private String affinityCache;
    private Object affinityKey;
    private RuntimeEnv runtimeEnv = RuntimeEnv.empty();
    private int numReturns = 1;
    private boolean streaming;
    private int generatorBackpressure;

    void name(String name) {
      if (name == null || name.isBlank()) {
        throw new IllegalArgumentException("task name must not be blank: \"" + name + "\"");
      }
      this.name = name;
    }

    void resource(String name, Double amount) {
      if (resourceMap == null) {
        resourceMap = new java.util.LinkedHashMap<>(Map.of("CPU", 1.0));
      }
      resourceMap.put(name, amount);
      resources = ResourceSet.of(resourceMap);
    }

    void resources(Map<String, Double> resources) {
      if (resources == null) {
        throw new NullPointerException("resources");
      }
      resourceMap = new java.util.LinkedHashMap<>(resources);
      resourceMap.putIfAbsent("CPU", 1.0);
      this.resources = ResourceSet.of(resourceMap);
    }

    void maxRetries(int maxRetries) {
      if (maxRetries < -1) {
        throw new IllegalArgumentException("maxRetries must be >= -1 (-1 = unlimited), got " + maxRetries);
      }
      this.maxRetries = maxRetries;
    }

    void retryExceptions(boolean retry) {
      this.retryAllExceptions = retry;
      this.retryExceptions = List.of();
    }

    void retryExceptions(List<Class<? extends Throwable>> classes) {
      if (classes == null) {
        throw new NullPointerException("exception classes");
      }
      this.retryAllExceptions = false;
      this.retryExceptions = List.copyOf(classes);
    }

    void placementGroup(PlacementGroup group, int bundleIndex) {
      if (group == null) {
        throw new NullPointerException("placement group");
      }
      if (bundleIndex < -1 || bundleIndex >= group.getBundles().size()) {
        throw new IllegalArgumentException("bundle index " + bundleIndex + " is out of range: group "
            + group.getId() + " has " + group.getBundles().size() + " bundles (-1 means any)");
      }
      this.placementGroup = group;
      this.bundleIndex = bundleIndex;
    }

    void strategy(SchedulingStrategy strategy) {
      if (strategy == null) {
        throw new NullPointerException("scheduling strategy");
      }
      this.strategy = strategy;
    }

    void nodeAffinity(NodeId nodeId, boolean soft) {
      if (nodeId == null) {
        throw new NullPointerException("node id");
      }
      this.nodeAffinity = nodeId;
      this.nodeAffinitySoft = soft;
    }

    void labelSelector(Map<String, String> selector) {
      this.labelSelector = LabelSelector.parse(selector);
    }

    void affinity(String cacheName, Object key) {
      if (cacheName == null || cacheName.isBlank()) {
        throw new IllegalArgumentException("cache name must not be blank: \"" + cacheName + "\"");
      }
      if (key == null) {
        throw new NullPointerException("affinity key");
      }
      this.affinityCache = cacheName;
      this.affinityKey = key;
    }

    void runtimeEnv(RuntimeEnv env) {
      if (env == null) {
        throw new NullPointerException("runtimeEnv");
      }
      this.runtimeEnv = env;
    }

    void numReturns(int numReturns) {
      if (numReturns < 0) {
        throw new IllegalArgumentException("numReturns must be >= 0, got " + numReturns);
      }
      this.numReturns = numReturns;
    }

    void streaming() {
      this.streaming = true;
      this.numReturns = 0;
    }

    void generatorBackpressure(int maxUnconsumed) {
      if (maxUnconsumed < 1 && maxUnconsumed != -1) {
        throw new IllegalArgumentException("generator backpressure must be >= 1 (or -1 = unbounded), got "
            + maxUnconsumed);
      }
      this.generatorBackpressure = Math.max(0, maxUnconsumed);
    }

    CallOptions build() {
      return new CallOptions(this);
    }
  }
}
