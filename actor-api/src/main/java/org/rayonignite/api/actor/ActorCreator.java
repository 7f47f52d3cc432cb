package org.rayonignite.api.actor;

import java.util.Map;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.api.options.SchedulingStrategy;
import org.rayonignite.api.placement.PlacementGroup;

/**
 * The creation of an actor. Each setter returns the creator; {@link #remote()} creates the actor.
 *
 * @param <A> the actor's class
 */
public interface ActorCreator<A> {
  /** Names the actor in the current namespace, so {@code Ray.getActor(name)} finds it. */
  ActorCreator<A> setName(String name);

  /** Names the actor in {@code namespace}. */
  ActorCreator<A> setName(String name, String namespace);

  /** How long the actor lives. Default {@link ActorLifetime#NON_DETACHED}: until its driver ends. */
  ActorCreator<A> setLifetime(ActorLifetime lifetime);

  /** A resource held for the actor's life. Default: 1 CPU to place it, 0 held. */
  ActorCreator<A> setResource(String name, Double value);

  /** Resources held for the actor's life. */
  ActorCreator<A> setResources(Map<String, Double> resources);

  /** How often the actor is recreated when its node dies; -1 is unlimited. Default 0. */
  ActorCreator<A> setMaxRestarts(int maxRestarts);

  /** How often a call is retried when the actor restarts. Default 0. */
  ActorCreator<A> setMaxTaskRetries(int maxTaskRetries);

  /** How many calls may run at once. Default 1 (calls from one caller run in order). */
  ActorCreator<A> setMaxConcurrency(int maxConcurrency);

  /** How many unfinished calls one handle may have in this process before {@code remote()} throws. Default unlimited. */
  ActorCreator<A> setMaxPendingCalls(int maxPendingCalls);

  /** Places the actor in bundle {@code bundleIndex} of the group (-1: any bundle). */
  ActorCreator<A> setPlacementGroup(PlacementGroup group, int bundleIndex);

  /** Places the actor in any bundle of the group. */
  ActorCreator<A> setPlacementGroup(PlacementGroup group);

  /** How the node is picked. Default {@link SchedulingStrategy#DEFAULT}. */
  ActorCreator<A> setSchedulingStrategy(SchedulingStrategy strategy);

  /** Places the actor on that node only ({@code soft = false}) or preferably. */
  ActorCreator<A> setNodeAffinity(NodeId nodeId, boolean soft);

  /** Places the actor only on nodes whose labels match. */
  ActorCreator<A> setLabelSelector(Map<String, String> labelSelector);

  /** The actor's runtime environment, over the job's. */
  ActorCreator<A> setRuntimeEnv(RuntimeEnv runtimeEnv);

  /** Creates the actor and returns its handle at once; calls queue until it is alive. */
  ActorHandle<A> remote();
}
