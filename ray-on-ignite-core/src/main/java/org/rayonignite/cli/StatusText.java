package org.rayonignite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@code status} as text, laid out as Ray's {@code ray status}: nodes, usage, then demands. */
final class StatusText {
  private static final String RULE = "-".repeat(60);

  private final Printer printer;

  StatusText(Printer printer) {
    this.printer = printer;
  }

  @SuppressWarnings("unchecked")
  void print(Map<String, Object> status, String stamp) {
    List<Map<String, Object>> nodes = (List<Map<String, Object>>) status.get("nodes");
    printer.line("======== Cluster status: " + stamp + " ========");
    printer.line("Node status");
    printer.line(RULE);
    printer.line("Alive: " + nodes.size() + " node" + (nodes.size() == 1 ? "" : "s"));
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map<String, Object> node : nodes) {
      Map<String, Object> row = new java.util.LinkedHashMap<>(node);
      row.put("usage", usage((Map<String, Double>) node.get("resources_used"),
          (Map<String, Double>) node.get("resources_total"), ", "));
      rows.add(row);
    }
    if (!rows.isEmpty()) {
      printer.table(rows, List.of("node_id", "address", "pid", "usage", "labels"), "  ");
    }
    List<String> dead = (List<String>) status.get("nodes_dead");
    if (!dead.isEmpty()) {
      printer.line("Dead: " + dead.size() + " node" + (dead.size() == 1 ? "" : "s"));
      dead.forEach(node -> printer.line("  " + node));
    }
    printer.line("");
    printer.line("Resources");
    printer.line(RULE);
    printer.line("Usage:");
    Map<String, Double> used = (Map<String, Double>) status.get("resources_used");
    Map<String, Double> total = (Map<String, Double>) status.get("resources_total");
    if (total.isEmpty()) {
      printer.line("  (no resources)");
    }
    total.forEach((name, amount) -> printer.line("  " + used.getOrDefault(name, 0.0) + "/" + amount + " " + name));
    printer.line("");
    printer.line("Demands:");
    List<Map<String, Object>> demands = (List<Map<String, Object>>) status.get("demands");
    if (demands.isEmpty()) {
      printer.line("  (no resource demands)");
    }
    for (Map<String, Object> demand : demands) {
      printer.line("  " + Printer.cell(demand.get("shape")) + ": " + describe(demand));
    }
  }

  private static String describe(Map<String, Object> demand) {
    Object count = demand.get("count");
    String constraint = demand.get("constraint") == null ? "" : ", " + demand.get("constraint");
    return switch (String.valueOf(demand.get("reason"))) {
      case "QUEUED" -> count + " queued on node " + demand.get("node_id") + constraint
          + " (waiting for its resources)";
      case "INFEASIBLE" -> count + " infeasible" + constraint + " (no live node can run it; "
          + "it waits for one that can)";
      case "WAITING_FOR_PLACEMENT_GROUP" -> count + " waiting for their placement group";
      default -> "1 pending placement group " + demand.get("placement_group_id") + " ("
          + demand.get("strategy") + ")";
    };
  }

  private static String usage(Map<String, Double> used, Map<String, Double> total, String separator) {
    List<String> parts = new ArrayList<>();
    total.forEach((name, amount) -> parts.add(used.getOrDefault(name, 0.0) + "/" + amount + " " + name));
    return String.join(separator, parts);
  }
}
