package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Options, filters and printing of the read commands, without a cluster. */
class StateOptionsTest {
  private static final Set<String> LIST_OPTIONS = Set.of("--filter", "--limit", "--detail");

  private static StateOptions list(String... args) {
    return StateOptions.parse("list", List.of(args), LIST_OPTIONS, name -> null);
  }

  @Test
  void parsesListOptions() {
    StateOptions options = list("tasks", "--filter", "state=FINISHED", "--filter", "name!=f",
        "--limit", "5", "--detail", "--format", "JSON", "--address", "10.0.0.5:47500");
    assertEquals(List.of("tasks"), options.positional);
    assertEquals(List.of(new RowFilter("state", "FINISHED", false), new RowFilter("name", "f", true)),
        options.filters);
    assertEquals(5, options.limit);
    assertTrue(options.detail);
    assertEquals(OutputFormat.JSON, options.format);
    assertEquals("10.0.0.5:47500", options.address);
  }

  @Test
  void addressDefaultsToRayAddressThenTheLocalRange() {
    assertEquals("127.0.0.1:47500..47509", list("nodes").address);
    assertEquals("10.0.0.7:47500", StateOptions.parse("list", List.of("nodes"), LIST_OPTIONS,
        name -> name.equals("RAY_ADDRESS") ? "10.0.0.7:47500" : null).address);
  }

  @Test
  void badOptionsSayWhatIsWrong() {
    assertEquals("unknown option for status: --filter", assertThrows(IllegalArgumentException.class,
        () -> StateOptions.parse("status", List.of("--filter", "a=b"), Set.of(), name -> null)).getMessage());
    assertEquals("--limit must be at least 1, got 0",
        assertThrows(IllegalArgumentException.class, () -> list("tasks", "--limit", "0")).getMessage());
    assertEquals("--limit needs an integer, got \"many\"",
        assertThrows(IllegalArgumentException.class, () -> list("tasks", "--limit", "many")).getMessage());
    assertEquals("--format must be table, json or yaml, got \"xml\"",
        assertThrows(IllegalArgumentException.class, () -> list("tasks", "--format", "xml")).getMessage());
    assertEquals("--filter needs KEY=VALUE or KEY!=VALUE, got \"state\"",
        assertThrows(IllegalArgumentException.class, () -> list("tasks", "--filter", "state")).getMessage());
    assertEquals("cannot list \"jobs\"; choose one of [nodes, actors, tasks, objects, placement-groups]",
        assertThrows(IllegalArgumentException.class, () -> StateResource.ofPlural("jobs")).getMessage());
  }

  @Test
  void commandsRejectBadArgumentsBeforeConnecting() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(2, RayIgnite.run(new String[] {"get", "actor", "xyz"}, System.out, errors, name -> null));
    assertEquals(2, RayIgnite.run(new String[] {"list"}, System.out, errors, name -> null));
    assertEquals(2, RayIgnite.run(new String[] {"timeline", "--format", "yaml"}, System.out, errors, name -> null));
    assertEquals(List.of("ray-ignite: ActorId hex must have 32 characters, got 3: \"xyz\"",
        "ray-ignite: usage: ray-ignite list nodes|actors|tasks|objects|placement-groups "
            + "[--filter KEY=VALUE]... [--limit N] [--detail] [--format table|json|yaml]",
        "ray-ignite: timeline writes Chrome trace JSON; --format yaml does not apply"),
        err.toString(StandardCharsets.UTF_8).lines().toList());
  }

  @Test
  void filtersCompareTextIgnoringCase() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("state", "FINISHED");
    row.put("attempt_number", 0);
    row.put("actor_id", null);
    assertTrue(RowFilter.parse("state=finished").matches(row));
    assertFalse(RowFilter.parse("state!=FINISHED").matches(row));
    assertTrue(RowFilter.parse("ATTEMPT_NUMBER = 0").matches(row));
    assertTrue(RowFilter.parse("actor_id=null").matches(row));
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> RowFilter.parse("colour=red").checkField("tasks", row.keySet()));
    assertEquals("--filter colour: tasks have no field \"colour\"; they have state, attempt_number, actor_id",
        unknown.getMessage());
  }

  @Test
  void printsAlignedTablesJsonAndYaml() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Printer printer = new Printer(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("node_id", "ab");
    row.put("resources_total", new TreeMap<>(Map.of("CPU", 2.0, "GPU", 1.0)));
    row.put("pid", null);
    Map<String, Object> other = new LinkedHashMap<>(row);
    other.put("node_id", "abcdef");
    other.put("pid", 42L);
    printer.rows(List.of(row, other), List.of("node_id", "resources_total", "pid"), OutputFormat.TABLE);
    assertEquals(List.of(
        "NODE_ID  RESOURCES_TOTAL       PID",
        "ab       {CPU: 2.0, GPU: 1.0}",
        "abcdef   {CPU: 2.0, GPU: 1.0}  42"), bytes.toString(StandardCharsets.UTF_8).lines().toList());
    bytes.reset();
    printer.rows(List.of(other), List.of("node_id", "pid"), OutputFormat.JSON);
    assertEquals("[ {\n  \"node_id\" : \"abcdef\",\n  \"pid\" : 42\n} ]\n", bytes.toString(StandardCharsets.UTF_8));
    bytes.reset();
    printer.rows(List.of(other), List.of("node_id", "resources_total"), OutputFormat.YAML);
    assertEquals("- node_id: abcdef\n  resources_total:\n    CPU: 2.0\n    GPU: 1.0\n",
        bytes.toString(StandardCharsets.UTF_8));
  }

  @Test
  void summarizesTasksByFunctionAndState() {
    List<Map<String, Object>> tasks = List.of(task("f", "NORMAL_TASK", "FINISHED"),
        task("f", "NORMAL_TASK", "FAILED"), task("f", "NORMAL_TASK", "FINISHED"),
        task("A.m", "ACTOR_TASK", "RUNNING"));
    Summary summary = Summary.ofTasks(tasks);
    assertEquals(Map.of("total_actor_scheduled", 0L, "total_actor_tasks", 1L, "total_tasks", 3L), summary.stats());
    List<Map<String, Object>> rows = summary.tables().get(0).rows();
    assertEquals("A.m", rows.get(0).get("func_or_class_name"));
    assertEquals(Map.of("FAILED", 1L, "FINISHED", 2L), rows.get(1).get("state_counts"));
  }

  private static Map<String, Object> task(String name, String type, String state) {
    return Map.of("name", name, "type", type, "state", state);
  }
}
