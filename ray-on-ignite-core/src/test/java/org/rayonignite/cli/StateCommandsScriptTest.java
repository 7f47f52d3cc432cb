package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The read commands of the real {@code bin/ray-ignite} against a cluster of JVMs it started:
 * two nodes in the background, and a driver JVM ({@link StateDriver}) that leaves an actor,
 * finished, failed and infeasible tasks and objects; the driver exits before the last checks,
 * which show its tasks are still listed by the nodes that ran them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StateCommandsScriptTest {
  private static final String ADDRESS = "127.0.0.1:49300..49309";
  /** Where nothing listens. */
  private static final String NO_CLUSTER = "127.0.0.1:49340..49341";
  private static final Path SCRIPT = Path.of("..", "bin", "ray-ignite").toAbsolutePath().normalize();
  private static final Pattern STARTED = Pattern.compile("Ray on Ignite node ([0-9a-f]{32}) started");
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path temp;
  private static final List<String> nodeIds = new ArrayList<>();
  private static final List<Long> nodePids = new ArrayList<>();
  private static Process driver;
  private static String actorId;
  private static String failedTaskId;

  record Result(int exit, String out, String err) {}

  @BeforeAll
  static void startClusterAndDriver() throws Exception {
    List<CompletableFuture<Result>> starts = new ArrayList<>();
    for (String port : List.of("49300", "49301")) { // both at once: the script waits for each
      starts.add(CompletableFuture.supplyAsync(() -> run("start", "--address", ADDRESS, "--port",
          port, "--resources", port.equals("49300") ? "CPU=2" : "CPU=2,GPU=1")));
    }
    for (CompletableFuture<Result> started : starts) {
      Result start = started.get(90, TimeUnit.SECONDS);
      assertEquals(0, start.exit, start.out + start.err);
      Matcher id = STARTED.matcher(start.out);
      assertTrue(id.find(), start.out);
      nodeIds.add(id.group(1));
    }
    try (var pids = Files.list(temp.resolve("pids"))) {
      pids.forEach(file -> nodePids.add(Long.parseLong(file.getFileName().toString().replace(".pid", ""))));
    }
    driver = DriverJvm.start(StateDriver.class, ADDRESS);
    String ready = DriverJvm.awaitLine(driver, "READY ");
    String[] words = ready.split(" ");
    actorId = words[1];
    failedTaskId = words[2];
  }

  @AfterAll
  static void stopEverything() throws Exception {
    if (driver != null && driver.isAlive()) {
      driver.destroyForcibly();
    }
    Result stop = run("stop");
    assertEquals(0, stop.exit, stop.out + stop.err);
    assertTrue(stop.out.contains("stopped 2 node(s)"), stop.out);
    for (long pid : nodePids) {
      assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "node " + pid + " still runs");
    }
    assertFalse(driver.isAlive(), "the driver still runs");
  }

  @Test
  @Order(1)
  void statusShowsNodesResourcesAndInfeasibleDemands() throws Exception {
    Result status = run("status"); // no --address: the one the nodes were started with
    assertEquals(0, status.exit, status.out + status.err);
    assertTrue(status.out.contains("Alive: 3 nodes"), status.out); // the driver is a node too
    for (String node : nodeIds) {
      assertTrue(status.out.contains(node), status.out);
    }
    assertTrue(status.out.contains("127.0.0.1:49300") && status.out.contains("127.0.0.1:49301"), status.out);
    assertTrue(status.out.contains("/4.0 CPU") && status.out.contains("/1.0 GPU"), status.out);
    assertTrue(status.out.contains("GPU: 8.0}: 1 infeasible"), status.out);
  }

  @Test
  @Order(2)
  void listsAndGetsActors() throws Exception {
    Result list = run("list", "actors", "--address", ADDRESS);
    assertEquals(0, list.exit, list.err);
    String header = list.out.lines().findFirst().orElseThrow();
    assertTrue(header.matches("ACTOR_ID +CLASS_NAME +STATE +JOB_ID +NAME +NODE_ID +PID +RAY_NAMESPACE"), header);
    String row = list.out.lines().filter(line -> line.startsWith(actorId)).findFirst().orElseThrow();
    assertTrue(row.contains("StateDriver$Counter") && row.contains(" ALIVE ") && row.contains("state-counter"), row);

    Result get = run("get", "actor", actorId, "--address", ADDRESS);
    assertEquals(0, get.exit, get.err);
    assertTrue(get.out.contains("actor_id: " + actorId) && get.out.contains("state: ALIVE")
        && get.out.contains("lifetime: DETACHED"), get.out);
  }

  @Test
  @Order(3)
  void listsTasksAsJsonWithFailuresAndPendingOnes() throws Exception {
    Result list = run("list", "tasks", "--format", "json", "--address", ADDRESS);
    assertEquals(0, list.exit, list.err);
    List<JsonNode> tasks = elements(JSON.readTree(list.out));
    assertEquals(5, tasks.stream().filter(task -> task.get("name").asText().equals("StateDriver.square")
        && task.get("state").asText().equals("FINISHED")).count(), list.out);
    JsonNode failed = tasks.stream().filter(task -> task.get("task_id").asText().equals(failedTaskId))
        .findFirst().orElseThrow();
    assertEquals("FAILED", failed.get("state").asText());
    assertEquals("java.lang.IllegalStateException", failed.get("error_type").asText());
    assertTrue(tasks.stream().anyMatch(task -> task.get("state").asText().equals("PENDING_NODE_ASSIGNMENT")), list.out);
    assertEquals(3, tasks.stream().filter(task -> task.get("type").asText().equals("ACTOR_TASK")).count());

    Result summary = run("summary", "tasks", "--address", ADDRESS);
    assertEquals(0, summary.exit, summary.err);
    assertTrue(summary.out.lines().anyMatch(line -> line.matches(
        "StateDriver\\.square +FINISHED: 5, PENDING_NODE_ASSIGNMENT: 1 +NORMAL_TASK")), summary.out);
    assertTrue(summary.out.lines().anyMatch(line -> line.matches("StateDriver\\.fail +FAILED: 1 +NORMAL_TASK")), summary.out);
    assertTrue(summary.out.contains("total_actor_tasks: 3"), summary.out);
  }

  @Test
  @Order(4)
  void listsObjectsWithTheirSizeAndPlace() throws Exception {
    Result list = run("list", "objects", "--format", "json", "--address", ADDRESS);
    assertEquals(0, list.exit, list.err);
    List<JsonNode> objects = elements(JSON.readTree(list.out));
    List<JsonNode> stored = objects.stream().filter(object -> object.get("object_size").asInt()
        >= StateDriver.STORED_BYTES).toList();
    assertEquals(2, stored.size(), list.out); // a task's return and a put
    for (JsonNode object : stored) {
      assertEquals("OBJECT_STORE", object.get("storage").asText());
      assertFalse(object.get("node_id").isNull(), list.out);
    }
    assertTrue(objects.stream().filter(object -> object.get("storage").asText().equals("INLINE")).count() >= 5,
        list.out); // the squares
  }

  @Test
  @Order(5)
  void writesATimelineOfTaskSpans() throws Exception {
    Path file = temp.resolve("timeline.json");
    Result timeline = run("timeline", "--output", file.toString(), "--address", ADDRESS);
    assertEquals(0, timeline.exit, timeline.err);
    List<JsonNode> events = elements(JSON.readTree(file.toFile()));
    assertEquals(11, events.size(), events.toString()); // creation, 3 calls, 5 squares, fail, bytes
    for (JsonNode event : events) {
      assertEquals("X", event.get("ph").asText());
      for (String field : List.of("name", "cat", "ts", "dur", "pid", "tid", "args")) {
        assertTrue(event.has(field), field + " missing in " + event);
      }
      assertTrue(event.get("ts").isIntegralNumber() && event.get("dur").asLong() >= 0, event.toString());
    }
    assertEquals(5, events.stream().filter(event -> event.get("name").asText().equals("StateDriver.square")).count());
    assertTrue(events.stream().anyMatch(event -> event.get("cat").asText().equals("actor_task")));
  }

  @Test
  @Order(6)
  void failsInOneLineOnUnknownIdsBadOptionsAndNoCluster() throws Exception {
    String unknownTask = failedTaskId.substring(0, 32) + "00000000deadbeef";
    Result unknown = run("get", "task", unknownTask, "--address", ADDRESS);
    assertEquals(1, unknown.exit, unknown.out + unknown.err);
    assertEquals(List.of("ray-ignite: no task with id " + unknownTask + " in the cluster at " + ADDRESS),
        unknown.err.lines().toList());

    Result badLimit = run("list", "tasks", "--limit", "0", "--address", ADDRESS);
    assertEquals(2, badLimit.exit);
    assertEquals(List.of("ray-ignite: --limit must be at least 1, got 0"), badLimit.err.lines().toList());

    long start = System.nanoTime();
    Result noCluster = run("status", "--address", NO_CLUSTER);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start);
    assertEquals(1, noCluster.exit, noCluster.out + noCluster.err);
    assertEquals(1, noCluster.err.lines().count(), noCluster.err);
    assertTrue(noCluster.err.startsWith("ray-ignite: no Ray on Ignite cluster at " + NO_CLUSTER), noCluster.err);
    assertTrue(seconds < 10, "took " + seconds + " s");
  }

  @Test
  @Order(7)
  void tasksStayListedAndItsNodeDeadAfterTheDriverExits() throws Exception {
    driver.getOutputStream().close(); // the driver's cue to shut down
    assertTrue(driver.waitFor(30, TimeUnit.SECONDS), "the driver did not exit");
    Result finished = run("list", "tasks", "--filter", "state=FINISHED", "--address", ADDRESS);
    assertEquals(0, finished.exit, finished.err);
    List<String> rows = finished.out.lines().skip(1).toList();
    assertEquals(5, rows.stream().filter(row -> row.contains("StateDriver.square")).count(), finished.out);
    assertTrue(rows.stream().allMatch(row -> row.contains(" FINISHED ")), finished.out);
    assertTrue(rows.stream().noneMatch(row -> row.contains("StateDriver.fail")), finished.out);

    Result nodes = run("list", "nodes", "--format", "json", "--address", ADDRESS);
    assertEquals(0, nodes.exit, nodes.err);
    List<JsonNode> listed = elements(JSON.readTree(nodes.out));
    assertEquals(List.of("ALIVE", "ALIVE", "DEAD"), listed.stream().map(node -> node.get("state").asText())
        .toList(), nodes.out); // the driver left
    assertTrue(listed.stream().filter(node -> node.get("state").asText().equals("ALIVE"))
        .allMatch(node -> nodeIds.contains(node.get("node_id").asText())), nodes.out);
  }

  private static List<JsonNode> elements(JsonNode array) {
    assertTrue(array.isArray(), array.toString());
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  /** Runs {@code bin/ray-ignite} with these arguments and this test's temp dir. */
  private static Result run(String... args) {
    try {
      return runScript(args);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Result runScript(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--temp-dir", temp.toString()));
    Path err = Files.createTempFile(temp, "err", ".txt");
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(err.toFile());
    builder.environment().put("RAY_IGNITE_CLASSPATH", NodeProcess.currentClasspath());
    builder.environment().put("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
    builder.environment().remove("RAY_ADDRESS");
    Process process = builder.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "ray-ignite " + String.join(" ", args) + " did not finish");
    return new Result(process.exitValue(), out, Files.readString(err));
  }
}
