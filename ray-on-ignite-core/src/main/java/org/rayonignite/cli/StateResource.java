package org.rayonignite.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.PlacementGroupId;
import org.rayonignite.api.TaskId;
import org.rayonignite.runtime.ClusterStateReader;

/**
 * What {@code list} and {@code get} show: each kind of thing in the cluster, the reader of its
 * rows, the field that is its id, and its default columns (those of Ray's {@code ray list}).
 */
enum StateResource {
  NODES("nodes", "node", "node_id", NodeId::fromHex, ClusterStateReader::nodes,
      "node_id", "address", "state", "resources_total", "resources_available", "labels", "pid"),
  ACTORS("actors", "actor", "actor_id", ActorId::fromHex, ClusterStateReader::actors,
      "actor_id", "class_name", "state", "job_id", "name", "node_id", "pid", "ray_namespace"),
  TASKS("tasks", "task", "task_id", TaskId::fromHex, ClusterStateReader::tasks,
      "task_id", "attempt_number", "name", "state", "job_id", "actor_id", "type", "node_id",
      "worker_pid", "error_type"),
  OBJECTS("objects", "object", "object_id", ObjectId::fromHex, ClusterStateReader::objects,
      "object_id", "object_size", "storage", "node_id", "owner_node_id", "created_by"),
  PLACEMENT_GROUPS("placement-groups", "placement-group", "placement_group_id",
      PlacementGroupId::fromHex, ClusterStateReader::placementGroups,
      "placement_group_id", "name", "creator_job_id", "state", "strategy", "bundles");

  /** The word of {@code list} (plural) and of {@code get} (singular). */
  final String plural;
  final String singular;
  final String idField;
  /** Checks an id's form, throwing IllegalArgumentException with the reason. */
  final Consumer<String> idCheck;
  final Function<ClusterStateReader, List<Map<String, Object>>> reader;
  final List<String> defaultColumns;

  StateResource(String plural, String singular, String idField, Consumer<String> idCheck,
      Function<ClusterStateReader, List<Map<String, Object>>> reader, String... defaultColumns) {
    this.plural = plural;
    this.singular = singular;
    this.idField = idField;
    this.idCheck = idCheck;
    this.reader = reader;
    this.defaultColumns = List.of(defaultColumns);
  }

  /** The resource {@code list} names, plural ({@code actors}) or with an underscore. */
  static StateResource ofPlural(String word) {
    for (StateResource resource : values()) {
      if (resource.plural.equals(word) || resource.plural.replace('-', '_').equals(word)) {
        return resource;
      }
    }
    throw new IllegalArgumentException("cannot list \"" + word + "\"; choose one of "
        + Arrays.stream(values()).map(r -> r.plural).toList());
  }

  /** The resource {@code get} names, singular ({@code actor}). */
  static StateResource ofSingular(String word) {
    for (StateResource resource : values()) {
      if (resource.singular.equals(word) || resource.singular.replace('-', '_').equals(word)) {
        return resource;
      }
    }
    throw new IllegalArgumentException("cannot get \"" + word + "\"; choose one of "
        + Arrays.stream(values()).map(r -> r.singular).toList());
  }
}
