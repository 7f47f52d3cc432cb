package org.rayonignite.bench;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rayonignite.PlacementGroups;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.api.placement.PlacementGroupState;

/**
 * {@code placement_group_create/removal}: one at a time, creates a placement group of one
 * {@code {CPU: 1}} bundle (strategy PACK, the default), waits until it is CREATED, and removes
 * it. Counts groups per second, embedded and over 3 JVMs (where the group's coordinator, this
 * driver, reserves the bundle on whichever node it picks). Each step checks that {@code wait}
 * saw the group CREATED; each run ends by checking that its last group reads REMOVED. Ignite has
 * no counterpart: it reserves no resources, so there is nothing to compare against, and the
 * target is absolute.
 */
final class PlacementGroupBenchmark implements Benchmark {
  private static final int WAIT_SECONDS = 60;

  @Override
  public String name() {
    return "placement_group_create/removal";
  }

  @Override
  public Target target() {
    return Target.perSecond(1_000);
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.of(Mode.EMBEDDED, Mode.THREE_JVMS);
  }

  @Override
  public String note() {
    return "groups/s; no raw side: Ignite has no resource reservations (a cache lock or "
        + "semaphore would be a different thing)";
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    PlacementGroupCreationOptions options = PlacementGroupCreationOptions.builder()
        .setBundles(List.of(Map.of("CPU", 1.0))).build();
    return new Workload() {
      private PlacementGroup last;

      @Override
      public long step() {
        PlacementGroup group = PlacementGroups.createPlacementGroup(options);
        if (!group.wait(WAIT_SECONDS)) {
          throw new IllegalStateException("placement group " + group.getId() + " was not CREATED within "
              + WAIT_SECONDS + " s; it is " + group.getState());
        }
        PlacementGroups.removePlacementGroup(group.getId());
        last = group;
        return 1;
      }

      @Override
      public long finish() {
        PlacementGroupState state = last == null ? PlacementGroupState.REMOVED : last.getState();
        if (state != PlacementGroupState.REMOVED) {
          throw new IllegalStateException("placement group " + last.getId() + " is " + state
              + " after its removal");
        }
        return 0;
      }
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    return null;
  }
}
