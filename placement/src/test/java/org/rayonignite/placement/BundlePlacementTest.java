package org.rayonignite.placement;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.placement.PlacementStrategy;

class BundlePlacementTest {
  private static final Map<String, Double> CPU1 = Map.of("CPU", 1.0);

  private static List<Map<String, Double>> nodes(double... cpus) {
    return Arrays.stream(cpus).mapToObj(c -> Map.of("CPU", c)).toList();
  }

  private static long distinct(int[] assignment) {
    return Arrays.stream(assignment).distinct().count();
  }

  @Test
  void strictPackPutsEverythingOnTheTightestNodeOrNowhere() {
    assertArrayEquals(new int[] {1, 1}, BundlePlacement.place(List.of(CPU1, CPU1),
        PlacementStrategy.STRICT_PACK, nodes(4, 2, 1)));
    assertNull(BundlePlacement.place(List.of(CPU1, CPU1, CPU1), PlacementStrategy.STRICT_PACK, nodes(2, 2, 2)));
  }

  @Test
  void packUsesFewNodesAndSpillsWhenItMust() {
    int[] one = BundlePlacement.place(List.of(CPU1, CPU1), PlacementStrategy.PACK, nodes(2, 2));
    assertEquals(1, distinct(one));
    int[] two = BundlePlacement.place(List.of(CPU1, CPU1, CPU1), PlacementStrategy.PACK, nodes(2, 2, 2));
    assertNotNull(two);
    assertEquals(2, distinct(two));
    assertNull(BundlePlacement.place(List.of(CPU1, CPU1, CPU1), PlacementStrategy.PACK, nodes(1, 1)));
  }

  @Test
  void strictSpreadNeedsDistinctNodesAndFindsAMatching() {
    int[] spread = BundlePlacement.place(List.of(CPU1, CPU1, CPU1), PlacementStrategy.STRICT_SPREAD, nodes(1, 1, 1));
    assertEquals(3, distinct(spread));
    assertNull(BundlePlacement.place(List.of(CPU1, CPU1, CPU1), PlacementStrategy.STRICT_SPREAD, nodes(4, 4)));
    // A matching, not a greedy pick: the big bundle must take the only big node.
    int[] matched = BundlePlacement.place(List.of(CPU1, Map.of("CPU", 3.0)), PlacementStrategy.STRICT_SPREAD,
        nodes(3, 1));
    assertArrayEquals(new int[] {1, 0}, matched);
  }

  @Test
  void spreadUsesAsManyNodesAsItCanAndSharesTheRest() {
    int[] spread = BundlePlacement.place(List.of(CPU1, CPU1, CPU1, CPU1), PlacementStrategy.SPREAD, nodes(2, 2, 2));
    assertEquals(3, distinct(spread));
    int[] shared = BundlePlacement.place(List.of(CPU1, CPU1, CPU1), PlacementStrategy.SPREAD, nodes(3));
    assertArrayEquals(new int[] {0, 0, 0}, shared);
  }

  @Test
  void fragmentedFractionalAndCustomResources() {
    // Fragmented: 3 CPUs free in all, but no node has 2.
    assertNull(BundlePlacement.place(List.of(Map.of("CPU", 2.0)), PlacementStrategy.PACK, nodes(1, 1, 1)));
    // Fractional amounts add up with tolerance.
    List<Map<String, Double>> tenths = List.of(Map.of("CPU", 0.1), Map.of("CPU", 0.2), Map.of("CPU", 0.7));
    assertArrayEquals(new int[] {0, 0, 0}, BundlePlacement.place(tenths, PlacementStrategy.STRICT_PACK, nodes(1.0)));
    // Custom resources decide the node.
    List<Map<String, Double>> nodes = List.of(Map.of("CPU", 8.0), Map.of("CPU", 1.0, "GPU", 1.0));
    int[] gpu = BundlePlacement.place(List.of(Map.of("CPU", 1.0, "GPU", 1.0)), PlacementStrategy.PACK, nodes);
    assertArrayEquals(new int[] {1}, gpu);
    assertNull(BundlePlacement.place(List.of(Map.of("TPU", 1.0)), PlacementStrategy.SPREAD, nodes));
    assertTrue(BundlePlacement.fits(Map.of("CPU", 0.3), Map.of("CPU", 0.1 + 0.2)));
  }
}
