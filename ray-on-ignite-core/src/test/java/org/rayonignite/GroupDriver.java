package org.rayonignite;

import java.util.List;
import java.util.Map;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.config.RayConfig;

/**
 * Another driver for placement-group races: joins {@code args[0]} without CPUs, creates
 * {@code args[1]} detached groups of one bundle of {@code args[2]} CPU, prints their ids, exits.
 */
public final class GroupDriver {
  private GroupDriver() {}

  public static void main(String[] args) {
    Ray.init(RayConfig.builder().address(args[0]).resources(Map.of("CPU", 0.0)).build());
    try {
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        PlacementGroup pg = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
            .setBundles(List.of(Map.of("CPU", Double.parseDouble(args[2]))))
            .setLifetime(org.rayonignite.api.actor.ActorLifetime.DETACHED).build());
        System.out.println("GROUP " + pg.getId());
      }
    } finally {
      Ray.shutdown();
    }
  }
}
