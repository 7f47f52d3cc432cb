package org.rayonignite.placement;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.placement.PlacementStrategy;

/**
 * Assigns the bundles of a placement group to nodes, given what each node has available, with
 * Ray's strategies. Pure code: no cluster, no I/O.
 *
 * <ul>
 *   <li>STRICT_PACK: all bundles on one node (the one with the least room left over), or none.
 *   <li>PACK: on one node if one fits them all; else as few nodes as possible (largest bundles
 *       first, each on a node already used if it fits there).
 *   <li>STRICT_SPREAD: each bundle on a distinct node (a bipartite matching), or none.
 *   <li>SPREAD: as many distinct nodes as possible (a matching first), the rest on the nodes
 *       with most room left.
 * </ul>
 *
 * Amounts are compared with a small tolerance, so fractional resources (0.1 + 0.2) add up.
 */
public final class BundlePlacement {
  private static final double EPSILON = 1e-9;

  private BundlePlacement() {}

  /**
   * The node index of each bundle, or null if the strategy cannot be met with what is available.
   *
   * @param bundles resources per bundle
   * @param available resources available per node (not changed)
   */
  public static int[] place(List<Map<String, Double>> bundles, PlacementStrategy strategy,
      List<Map<String, Double>> available) {
    if (bundles.isEmpty()) {
      return new int[0];
    }
    List<Map<String, Double>> room = new ArrayList<>();
    for (Map<String, Double> node : available) {
      room.add(new HashMap<>(node));
    }
    switch (strategy) {
      case STRICT_PACK:
        return strictPack(bundles, room);
      case PACK: {
        int[] packed = strictPack(bundles, room);
        return packed != null ? packed : pack(bundles, room);
      }
      case STRICT_SPREAD:
        return strictSpread(bundles, room);
      case SPREAD:
        return spread(bundles, room);
      default:
        throw new IllegalArgumentException("unknown strategy " + strategy);
    }
  }

  private static int[] strictPack(List<Map<String, Double>> bundles, List<Map<String, Double>> room) {
    Map<String, Double> total = new HashMap<>();
    bundles.forEach(bundle -> bundle.forEach((name, amount) -> total.merge(name, amount, Double::sum)));
    int best = -1;
    double bestLeft = Double.MAX_VALUE;
    for (int node = 0; node < room.size(); node++) {
      if (fits(total, room.get(node))) {
        double left = leftover(total, room.get(node));
        if (left < bestLeft) {
          best = node;
          bestLeft = left;
        }
      }
    }
    if (best < 0) {
      return null;
    }
    int[] assignment = new int[bundles.size()];
    Arrays.fill(assignment, best);
    return assignment;
  }

  private static int[] pack(List<Map<String, Double>> bundles, List<Map<String, Double>> room) {
    int[] assignment = new int[bundles.size()];
    boolean[] used = new boolean[room.size()];
    for (int bundle : bySizeDescending(bundles)) {
      Map<String, Double> demand = bundles.get(bundle);
      int chosen = -1;
      double chosenLeft = Double.MAX_VALUE;
      // A node already used wins over a new one; among equals, the tightest fit.
      for (int pass = 0; pass < 2 && chosen < 0; pass++) {
        for (int node = 0; node < room.size(); node++) {
          if (used[node] == (pass == 0) && fits(demand, room.get(node))) {
            double left = leftover(demand, room.get(node));
            if (left < chosenLeft) {
              chosen = node;
              chosenLeft = left;
            }
          }
        }
      }
      if (chosen < 0) {
        return null;
      }
      take(demand, room.get(chosen));
      used[chosen] = true;
      assignment[bundle] = chosen;
    }
    return assignment;
  }

  private static int[] strictSpread(List<Map<String, Double>> bundles, List<Map<String, Double>> room) {
    int[] match = match(bundles, room);
    for (int node : match) {
      if (node < 0) {
        return null;
      }
    }
    return match;
  }

  private static int[] spread(List<Map<String, Double>> bundles, List<Map<String, Double>> room) {
    int[] assignment = match(bundles, room);
    for (int bundle = 0; bundle < bundles.size(); bundle++) {
      if (assignment[bundle] >= 0) {
        take(bundles.get(bundle), room.get(assignment[bundle]));
      }
    }
    for (int bundle : bySizeDescending(bundles)) {
      if (assignment[bundle] >= 0) {
        continue;
      }
      Map<String, Double> demand = bundles.get(bundle);
      int chosen = -1;
      double chosenLeft = -1;
      for (int node = 0; node < room.size(); node++) {
        if (fits(demand, room.get(node))) {
          double left = leftover(demand, room.get(node));
          if (left > chosenLeft) {
            chosen = node;
            chosenLeft = left;
          }
        }
      }
      if (chosen < 0) {
        return null;
      }
      take(demand, room.get(chosen));
      assignment[bundle] = chosen;
    }
    return assignment;
  }

  /** A maximum matching of bundles to distinct nodes that fit them (-1: unmatched). */
  private static int[] match(List<Map<String, Double>> bundles, List<Map<String, Double>> room) {
    int[] bundleNode = new int[bundles.size()];
    int[] nodeBundle = new int[room.size()];
    Arrays.fill(bundleNode, -1);
    Arrays.fill(nodeBundle, -1);
    for (int bundle : bySizeDescending(bundles)) {
      augment(bundle, bundles, room, bundleNode, nodeBundle, new boolean[room.size()]);
    }
    return bundleNode;
  }

  private static boolean augment(int bundle, List<Map<String, Double>> bundles,
      List<Map<String, Double>> room, int[] bundleNode, int[] nodeBundle, boolean[] visited) {
    for (int node = 0; node < room.size(); node++) {
      if (visited[node] || !fits(bundles.get(bundle), room.get(node))) {
        continue;
      }
      visited[node] = true;
      if (nodeBundle[node] < 0
          || augment(nodeBundle[node], bundles, room, bundleNode, nodeBundle, visited)) {
        bundleNode[bundle] = node;
        nodeBundle[node] = bundle;
        return true;
      }
    }
    return false;
  }

  private static List<Integer> bySizeDescending(List<Map<String, Double>> bundles) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < bundles.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingDouble((Integer i) -> size(bundles.get(i))).reversed());
    return order;
  }

  private static double size(Map<String, Double> bundle) {
    return bundle.values().stream().mapToDouble(Double::doubleValue).sum();
  }

  /** Whether {@code demand} fits in {@code room}. */
  public static boolean fits(Map<String, Double> demand, Map<String, Double> room) {
    for (Map.Entry<String, Double> need : demand.entrySet()) {
      if (room.getOrDefault(need.getKey(), 0.0) + EPSILON < need.getValue()) {
        return false;
      }
    }
    return true;
  }

  private static double leftover(Map<String, Double> demand, Map<String, Double> room) {
    double left = 0;
    for (Map.Entry<String, Double> have : room.entrySet()) {
      left += have.getValue() - demand.getOrDefault(have.getKey(), 0.0);
    }
    return left;
  }

  private static void take(Map<String, Double> demand, Map<String, Double> room) {
    demand.forEach((name, amount) -> room.merge(name, -amount, Double::sum));
  }
}
