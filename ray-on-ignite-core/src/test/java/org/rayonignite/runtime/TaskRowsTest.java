package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.TaskId;
import org.rayonignite.state.TaskInfo;
import org.rayonignite.state.TaskState;
import org.rayonignite.state.TaskType;

/** How the owner's records, the executing nodes' runs and what runs now merge into task rows. */
class TaskRowsTest {
  private final UUID owner = UUID.randomUUID();
  private final UUID worker = UUID.randomUUID();

  @Test
  void theOwnerSaysWhereATaskIsAndTheWorkerWhenItRan() {
    TaskId finished = TaskId.of(owner, 1);
    TaskId running = TaskId.of(owner, 2);
    TaskId waiting = TaskId.of(owner, 3);
    NodeReport ownerReport = new NodeReport(owner, 7);
    ownerReport.ownedTasks.add(info(running, TaskState.SUBMITTED_TO_WORKER, worker, 1));
    ownerReport.ownedTasks.add(info(waiting, TaskState.PENDING_NODE_ASSIGNMENT, null, 1));
    ownerReport.ownedTasks.add(info(finished, TaskState.FINISHED, worker, 1));
    NodeReport workerReport = new NodeReport(worker, 9);
    workerReport.executedTasks.add(run(finished, 0, 1_000_000, 1_250_000, null));
    workerReport.running.add(running);

    List<Map<String, Object>> rows = new TaskRows(List.of(ownerReport, workerReport), Map.of(worker, 42L)).rows();
    assertEquals(List.of("FINISHED", "RUNNING", "PENDING_NODE_ASSIGNMENT"),
        rows.stream().map(row -> row.get("state")).toList());
    Map<String, Object> done = rows.get(0);
    assertEquals(1000L, done.get("start_time_ms"));
    assertEquals(1250L, done.get("end_time_ms"));
    assertEquals(NodeId.of(worker).toString(), done.get("node_id"));
    assertEquals(42L, done.get("worker_pid"));
    assertEquals("00000007", done.get("job_id"));
    assertNull(rows.get(2).get("node_id"));
  }

  @Test
  void withoutItsOwnerATaskIsItsLastRun() {
    TaskId retried = TaskId.of(owner, 1);
    NodeReport workerReport = new NodeReport(worker, 9);
    workerReport.executedTasks.add(run(retried, 0, 10, 20, "java.io.IOException"));
    workerReport.executedTasks.add(run(retried, 1, 30, 40, null));
    TaskRows rows = new TaskRows(List.of(workerReport), Map.of());
    Map<String, Object> row = rows.rows().get(0);
    assertEquals("FINISHED", row.get("state"));
    assertEquals(1, row.get("attempt_number"));
    assertEquals(NodeId.of(owner).toString(), row.get("owner_node_id"));
    List<Map<String, Object>> events = rows.traceEvents();
    assertEquals(2, events.size());
    assertEquals(10L, events.get(0).get("ts"));
    assertEquals(10L, events.get(0).get("dur"));
    assertEquals("X", events.get(1).get("ph"));
  }

  private TaskInfo info(TaskId id, TaskState state, UUID node, int attempts) {
    return new TaskInfo(id, "f", state, node == null ? null : NodeId.of(node), attempts, true, 0,
        null, TaskType.NORMAL_TASK, null);
  }

  private static ExecutedTask run(TaskId id, int attempt, long start, long end, String error) {
    TaskSpec spec = new TaskSpec(id, 7, "ns", "f", null, null, new TaskArg[0], 1, ResourceSet.ONE_CPU, attempt);
    return new ExecutedTask(spec, start, end, error, 1);
  }
}
