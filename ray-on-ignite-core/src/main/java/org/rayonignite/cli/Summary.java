package org.rayonignite.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code summary} prints, as Ray's {@code ray summary}: totals, then tables of counts
 * (tasks per function and type, by state; actors per class, by state; objects per node and per
 * size).
 */
record Summary(String title, Map<String, Object> stats, List<Table> tables) {

  /** A table of the summary, with the field it groups by. */
  record Table(String groupedBy, List<String> columns, List<Map<String, Object>> rows) {}

  /** Sizes that divide the objects table: up to 1 KiB, up to the 100 KiB inline limit, ... */
  private static final long[] SIZE_LIMITS = {1L << 10, 100L << 10, 1L << 20, 100L << 20};
  private static final String[] SIZE_NAMES = {"< 1 KiB", "1 KiB - 100 KiB", "100 KiB - 1 MiB",
      "1 MiB - 100 MiB", ">= 100 MiB"};

  static Summary ofTasks(List<Map<String, Object>> tasks) {
    Map<String, Map<String, Object>> groups = new TreeMap<>();
    long normal = 0;
    long actorCalls = 0;
    long actorCreations = 0;
    for (Map<String, Object> task : tasks) {
      String type = String.valueOf(task.get("type"));
      switch (type) {
        case "ACTOR_TASK" -> actorCalls++;
        case "ACTOR_CREATION_TASK" -> actorCreations++;
        default -> normal++;
      }
      String name = String.valueOf(task.get("name"));
      Map<String, Object> group = groups.computeIfAbsent(name + '\u0000' + type, key -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("func_or_class_name", name);
        row.put("type", type);
        row.put("state_counts", new TreeMap<String, Long>());
        return row;
      });
      count(group, String.valueOf(task.get("state")));
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("total_actor_scheduled", actorCreations);
    stats.put("total_actor_tasks", actorCalls);
    stats.put("total_tasks", normal);
    return new Summary("Tasks Summary", stats, List.of(new Table("func_name",
        List.of("func_or_class_name", "state_counts", "type"), new ArrayList<>(groups.values()))));
  }

  static Summary ofActors(List<Map<String, Object>> actors) {
    Map<String, Map<String, Object>> groups = new TreeMap<>();
    for (Map<String, Object> actor : actors) {
      String className = String.valueOf(actor.get("class_name"));
      Map<String, Object> group = groups.computeIfAbsent(className, key -> {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("class_name", className);
        row.put("state_counts", new TreeMap<String, Long>());
        return row;
      });
      count(group, String.valueOf(actor.get("state")));
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("total_actors", (long) actors.size());
    return new Summary("Actors Summary", stats, List.of(new Table("class_name",
        List.of("class_name", "state_counts"), new ArrayList<>(groups.values()))));
  }

  /** @param storedByNode how many objects each node's part of the store holds, whoever owns them */
  static Summary ofObjects(List<Map<String, Object>> objects, Map<String, Integer> storedByNode) {
    Map<String, Map<String, Object>> byNode = new TreeMap<>();
    storedByNode.forEach((node, count) -> nodeRow(byNode, node).put("in_store_now", count));
    List<Map<String, Object>> bySize = new ArrayList<>();
    for (String name : SIZE_NAMES) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("size", name);
      row.put("objects", 0L);
      row.put("total_size_bytes", 0L);
      bySize.add(row);
    }
    long totalBytes = 0;
    for (Map<String, Object> object : objects) {
      long size = ((Number) object.get("object_size")).longValue();
      totalBytes += size;
      Object node = object.get("node_id");
      Map<String, Object> row = nodeRow(byNode, node == null ? "(lost)" : node.toString());
      add(row, "objects", 1);
      add(row, "total_size_bytes", size);
      add(row, "INLINE".equals(object.get("storage")) ? "inline" : "in_object_store", 1);
      int bucket = 0;
      while (bucket < SIZE_LIMITS.length && size >= SIZE_LIMITS[bucket]) {
        bucket++;
      }
      add(bySize.get(bucket), "objects", 1);
      add(bySize.get(bucket), "total_size_bytes", size);
    }
    Map<String, Object> stats = new LinkedHashMap<>();
    stats.put("total_objects", (long) objects.size());
    stats.put("total_size_bytes", totalBytes);
    return new Summary("Objects Summary", stats, List.of(
        new Table("node", List.of("node_id", "objects", "total_size_bytes", "inline",
            "in_object_store", "in_store_now"), new ArrayList<>(byNode.values())),
        new Table("size", List.of("size", "objects", "total_size_bytes"), bySize)));
  }

  /** The summary as one JSON or YAML value: the stats, then each table's rows under its name. */
  Map<String, Object> asValue() {
    Map<String, Object> value = new LinkedHashMap<>(stats);
    for (Table table : tables) {
      value.put(tables.size() == 1 ? "summary" : "by_" + table.groupedBy(), table.rows());
    }
    return value;
  }

  private static Map<String, Object> nodeRow(Map<String, Map<String, Object>> byNode, String node) {
    return byNode.computeIfAbsent(node, key -> {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("node_id", node);
      row.put("objects", 0L);
      row.put("total_size_bytes", 0L);
      row.put("inline", 0L);
      row.put("in_object_store", 0L);
      row.put("in_store_now", 0);
      return row;
    });
  }

  private static void add(Map<String, Object> row, String field, long amount) {
    row.merge(field, amount, (a, b) -> ((Number) a).longValue() + ((Number) b).longValue());
  }

  @SuppressWarnings("unchecked")
  private static void count(Map<String, Object> group, String state) {
    ((Map<String, Long>) group.get("state_counts")).merge(state, 1L, Long::sum);
  }
}
