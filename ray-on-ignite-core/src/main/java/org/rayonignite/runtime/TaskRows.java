package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.rayonignite.api.JobId;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.TaskId;
import org.rayonignite.state.TaskInfo;
import org.rayonignite.state.TaskState;

/**
 * The cluster's tasks as {@code ray-ignite list tasks} shows them, merged from the nodes' reports:
 * an owner knows its tasks' whole lives (waiting, sent, retried, failed for any reason); the
 * node that ran an attempt knows when it started and ended, and still knows after the owner is
 * gone; a node running a task now says so. One row per task, for its latest attempt.
 */
final class TaskRows {
  private final Map<TaskId, Owned> owned = new HashMap<>();
  private final Map<TaskId, Run> latestRuns = new HashMap<>();
  private final List<Run> runs = new ArrayList<>();
  private final Set<TaskId> running = new HashSet<>();
  private final Map<UUID, Long> pids;

  /** A task as its owner reported it, with the owner's job. */
  private record Owned(TaskInfo info, int jobId) {}

  /** An attempt as the node that ran it reported it. */
  private record Run(UUID node, ExecutedTask task) {}

  /** @param pids each node's process id, for the worker_pid field */
  TaskRows(List<NodeReport> reports, Map<UUID, Long> pids) {
    this.pids = pids;
    for (NodeReport report : reports) {
      for (TaskInfo info : report.ownedTasks) {
        owned.putIfAbsent(info.getTaskId(), new Owned(info, report.jobId)); // unfinished come first
      }
      for (ExecutedTask task : report.executedTasks) {
        Run run = new Run(report.nodeId, task);
        runs.add(run);
        latestRuns.merge(task.taskId, run, (a, b) -> later(a, b) ? a : b);
      }
      running.addAll(report.running);
    }
  }

  private static boolean later(Run a, Run b) {
    return a.task.attempt != b.task.attempt ? a.task.attempt > b.task.attempt
        : a.task.endMicros >= b.task.endMicros;
  }

  /** One row per task, in submission order per owner. */
  List<Map<String, Object>> rows() {
    Set<TaskId> ids = new HashSet<>(owned.keySet());
    ids.addAll(latestRuns.keySet());
    List<TaskId> sorted = new ArrayList<>(ids);
    sorted.sort(Comparator.comparing(TaskId::getOwnerUuid).thenComparingLong(TaskId::getSequence));
    List<Map<String, Object>> rows = new ArrayList<>(sorted.size());
    for (TaskId id : sorted) {
      rows.add(row(id, owned.get(id), latestRuns.get(id)));
    }
    return rows;
  }

  private Map<String, Object> row(TaskId id, Owned owner, Run run) {
    TaskInfo info = owner == null ? null : owner.info;
    int attempt = info != null ? info.getAttempts() - 1 : run.task.attempt;
    if (run != null && run.task.attempt != attempt) {
      run = null; // a run of an earlier attempt: the latest has not run yet
    }
    UUID node = info != null && info.getNodeId() != null ? info.getNodeId().toUuid()
        : run != null ? run.node : null;
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("task_id", id.toString());
    row.put("attempt_number", attempt);
    row.put("name", info != null ? info.getName() : run.task.name);
    row.put("state", state(id, info, run).name());
    row.put("job_id", JobId.of(run != null ? run.task.jobId : owner.jobId).toString());
    Object actor = info != null ? info.getActorId() : latest(id).task.actorId;
    row.put("actor_id", actor == null ? null : actor.toString());
    row.put("type", (info != null ? info.getType() : TaskSubmitter.typeOf(latest(id).task.kind)).name());
    row.put("node_id", node == null ? null : NodeId.of(node).toString());
    row.put("worker_pid", node == null ? null : pids.get(node));
    row.put("error_type", run != null ? run.task.errorClass : null);
    row.put("error_message", info != null ? info.getError() : null);
    row.put("owner_node_id", id.getOwnerNodeId().toString());
    row.put("start_time_ms", run != null ? run.task.startMicros / 1000 : null);
    row.put("end_time_ms", run != null ? run.task.endMicros / 1000 : null);
    row.put("inputs_local", info != null && info.getState() == TaskState.FINISHED ? info.isInputsLocal() : null);
    row.put("bytes_fetched", info != null && info.getState() == TaskState.FINISHED ? info.getBytesFetched() : null);
    return row;
  }

  private Run latest(TaskId id) {
    return latestRuns.get(id);
  }

  /**
   * The owner's word, but RUNNING where a node runs it now; without the owner (gone, or it
   * dropped the task from its table), the last run's outcome.
   */
  private TaskState state(TaskId id, TaskInfo info, Run run) {
    if (info != null) {
      TaskState state = info.getState();
      boolean sent = state == TaskState.SUBMITTED_TO_WORKER || state == TaskState.RUNNING;
      return sent && running.contains(id) ? TaskState.RUNNING : state;
    }
    if (running.contains(id)) {
      return TaskState.RUNNING;
    }
    return run.task.failed() ? TaskState.FAILED : TaskState.FINISHED;
  }

  /**
   * Every run as a Chrome trace "complete" event ({@code "ph": "X"}), oldest first: one process
   * per node (its JVM's pid), one thread per thread that ran work, times in microseconds.
   */
  List<Map<String, Object>> traceEvents() {
    List<Run> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingLong(run -> run.task.startMicros));
    List<Map<String, Object>> events = new ArrayList<>(sorted.size());
    for (Run run : sorted) {
      ExecutedTask task = run.task;
      Map<String, Object> args = new LinkedHashMap<>();
      args.put("task_id", task.taskId.toString());
      args.put("attempt_number", task.attempt);
      args.put("state", (task.failed() ? TaskState.FAILED : TaskState.FINISHED).name());
      args.put("type", TaskSubmitter.typeOf(task.kind).name());
      args.put("node_id", NodeId.of(run.node).toString());
      args.put("job_id", JobId.of(task.jobId).toString());
      if (task.actorId != null) {
        args.put("actor_id", task.actorId.toString());
      }
      if (task.failed()) {
        args.put("error_type", task.errorClass);
      }
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("name", task.name);
      event.put("cat", category(task.kind));
      event.put("ph", "X");
      event.put("ts", task.startMicros);
      event.put("dur", Math.max(0, task.endMicros - task.startMicros));
      event.put("pid", pids.getOrDefault(run.node, 0L));
      event.put("tid", task.threadId);
      event.put("args", args);
      events.add(event);
    }
    return events;
  }

  private static String category(TaskSpec.Kind kind) {
    return switch (kind) {
      case TASK -> "task";
      case ACTOR_CREATION -> "actor_creation";
      case ACTOR_CALL -> "actor_task";
    };
  }
}
