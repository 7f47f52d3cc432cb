package org.rayonignite.api.call;

import java.util.List;
import java.util.Map;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.api.placement.PlacementGroup;

/**
 * The options every task call takes. Each setter returns the caller, so calls chain:
 * {@code Ray.task(MyApp::f, 1).setName("f").setResource("CPU", 2.0).remote()}.
 *
 * @param <C> the concrete caller type
 */
public interface BaseTaskCaller<C extends BaseTaskCaller<C>> {
  /** A name for the task in state listings. Default: the function's name. */
  C setName(String name);

  /** Sets one resource the task needs, e.g. {@code ("GPU", 1.0)}. Default: {@code CPU=1}. */
  C setResource(String name, Double value);

  /** Sets the resources the task needs. Default: {@code CPU=1}. */
  C setResources(Map<String, Double> resources);

  /** How often the task is re-run when its node dies (or on exceptions, see below). Default 3. */
  C setMaxRetries(int maxRetries);

  /** Whether any exception thrown by the task makes it re-run (up to maxRetries). Default false. */
  C setRetryExceptions(boolean retryExceptions);

  /** Re-run the task (up to maxRetries) when it throws one of these exception classes. */
  C setRetryExceptions(List<Class<? extends Throwable>> exceptionClasses);

  /** Runs the task in bundle {@code bundleIndex} of the group (-1: any bundle). */
  C setPlacementGroup(PlacementGroup group, int bundleIndex);

  /** Runs the task in any bundle of the group. */
  C setPlacementGroup(PlacementGroup group);

  /** How the node is picked. Default {@link SchedulingStrategy#DEFAULT}. */
  C setSchedulingStrategy(SchedulingStrategy strategy);

  /** Runs on that node only ({@code soft = false}) or preferably ({@code soft = true}). */
  C setNodeAffinity(NodeId nodeId, boolean soft);

  /** Runs only on nodes whose labels match: values {@code v}, {@code !v}, {@code in(a,b)}, {@code !in(a,b)}. */
  C setLabelSelector(Map<String, String> labelSelector);

  /** Runs on the primary node of {@code key} in the existing Ignite cache {@code cacheName}. */
  C setAffinity(String cacheName, Object key);

  /** The task's runtime environment, over the job's. */
  C setRuntimeEnv(RuntimeEnv runtimeEnv);
}
