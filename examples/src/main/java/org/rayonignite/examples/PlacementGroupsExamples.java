package org.rayonignite.examples;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.rayonignite.PlacementGroups;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.api.placement.PlacementGroupState;
import org.rayonignite.api.placement.PlacementStrategy;

/**
 * Ray's placement groups page: reserve bundles of resources atomically, then run actors and tasks
 * in them, spread over nodes or packed on one. Needs 2 free CPUs: each group holds two bundles of
 * {@code {CPU: 1}}, and the first is removed before the second is made.
 */
final class PlacementGroupsExamples {
  private PlacementGroupsExamples() {}

  /** What the section saw, for {@code ExamplesTest}. */
  record Results(
      boolean spreadCreated,
      PlacementGroupState spreadState,
      List<NodeId> spreadActorNodes,
      boolean packCreated,
      Result sum,
      Result max,
      PlacementGroupState spreadStateAfterRemove,
      PlacementGroupState packStateAfterRemove,
      String waitAfterRemove) {}

  /** An actor that tells where it runs. */
  static final class Worker {
    NodeId nodeId() {
      return Ray.getRuntimeContext().getCurrentNodeId();
    }
  }

  /** What a task computed from the shared data, and where it ran. */
  record Result(long value, NodeId nodeId) implements Serializable {}

  static Result sum(int[] data) {
    return new Result(IntStream.of(data).asLongStream().sum(), Ray.getRuntimeContext().getCurrentNodeId());
  }

  static Result max(int[] data) {
    return new Result(IntStream.of(data).max().orElseThrow(), Ray.getRuntimeContext().getCurrentNodeId());
  }

  static Results run() {
    int nodes = Ray.getRuntimeContext().getAllNodeInfo().size();

    // Reserve two 1-CPU bundles, spread over as many nodes as there are (SPREAD is best effort).
    PlacementGroup spread = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
        .setName("spread_pg").setBundles(List.of(Map.of("CPU", 1.0), Map.of("CPU", 1.0)))
        .setStrategy(PlacementStrategy.SPREAD).build());
    // Wait until the bundles are reserved: true once the group is CREATED.
    boolean spreadCreated = spread.wait(60);
    PlacementGroupState spreadState = spread.getState();
    System.out.println("spread_pg (SPREAD, 2 bundles of {CPU=1}): wait(60) returned " + spreadCreated
        + ", state " + spreadState);

    // One actor per bundle: each is placed with its bundle's CPU.
    List<ActorHandle<Worker>> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      workers.add(Ray.actor(Worker::new).setPlacementGroup(spread, i).remote());
    }
    List<NodeId> where = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      where.add(workers.get(i).task(Worker::nodeId).remote().get());
      System.out.println("  the actor in bundle " + i + " runs on node " + where.get(i));
    }
    long distinct = where.stream().distinct().count();
    System.out.println(distinct == 1 && nodes == 1
        ? "  both on the cluster's only node: SPREAD does not wait for more nodes "
            + "(STRICT_SPREAD would stay PENDING here)"
        : "  the bundles are on " + distinct + " different nodes of " + nodes);
    // Removing the group releases its CPUs and kills the actors in it.
    PlacementGroups.removePlacementGroup(spread.getId());
    PlacementGroupState spreadRemoved = spread.getState();
    System.out.println("removed spread_pg: state " + spreadRemoved);

    // Two tasks that share data: STRICT_PACK puts both bundles on one node, where both read it.
    PlacementGroup packed = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
        .setName("pack_pg").setBundles(List.of(Map.of("CPU", 1.0), Map.of("CPU", 1.0)))
        .setStrategy(PlacementStrategy.STRICT_PACK).build());
    boolean packCreated = packed.wait(60);
    ObjectRef<int[]> data = Ray.put(IntStream.range(0, 250_000).toArray());
    ObjectRef<Result> sumRef = Ray.task(PlacementGroupsExamples::sum, data).setPlacementGroup(packed, 0).remote();
    ObjectRef<Result> maxRef = Ray.task(PlacementGroupsExamples::max, data).setPlacementGroup(packed, 1).remote();
    Result sum = sumRef.get();
    Result max = maxRef.get();
    System.out.println("pack_pg (STRICT_PACK, 2 bundles of {CPU=1}): wait(60) returned " + packCreated
        + "; over one Ray.put array, sum " + sum.value() + " on node " + sum.nodeId() + ", max "
        + max.value() + " on node " + max.nodeId()
        + (sum.nodeId().equals(max.nodeId()) ? ": the same node" : ": DIFFERENT nodes (wrong for STRICT_PACK)"));
    PlacementGroups.removePlacementGroup(packed.getId());
    PlacementGroupState packRemoved = packed.getState();
    String waitAfterRemove;
    try {
      waitAfterRemove = "returned " + packed.wait(1);
    } catch (RayException e) {
      waitAfterRemove = e.getClass().getSimpleName();
    }
    System.out.println("removed pack_pg: state " + packRemoved + "; wait on it throws " + waitAfterRemove);
    return new Results(spreadCreated, spreadState, where, packCreated, sum, max, spreadRemoved,
        packRemoved, waitAfterRemove);
  }
}
