package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.config.RayConfig;

/** The real {@code bin/ray-ignite} script: start in the background, join, run work, stop. */
class RayIgniteScriptTest {
  private static final String ADDRESS = "127.0.0.1:48600..48609";
  private static final Path SCRIPT = Path.of("..", "bin", "ray-ignite").toAbsolutePath().normalize();

  static String where() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  @Test
  void startsAndStopsBackgroundNodes(@TempDir Path temp) throws Exception {
    Process start = script(temp, "start", "--address", ADDRESS, "--port", "48605",
        "--resources", "CPU=1,GPU=1", "--labels", "zone=a,tier=gold");
    String started = output(start);
    assertEquals(0, start.exitValue(), started);
    Matcher id = Pattern.compile("Ray on Ignite node ([0-9a-f]{32}) started").matcher(started);
    assertTrue(id.find(), started);
    long pid = Long.parseLong(Files.list(temp.resolve("pids")).findFirst().orElseThrow()
        .getFileName().toString().replace(".pid", ""));
    try {
      Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0)).build());
      NodeInfo node = Ray.getRuntimeContext().getAllNodeInfo().stream()
          .filter(n -> n.getNodeId().toString().equals(id.group(1))).findFirst().orElseThrow();
      assertEquals(Map.of("CPU", 1.0, "GPU", 1.0), node.getResources());
      assertEquals(Map.of("zone", "a", "tier", "gold"), node.getLabels());
      assertEquals("127.0.0.1:48605", node.getAddress());
      assertEquals(id.group(1), Ray.task(RayIgniteScriptTest::where).setResource("GPU", 1.0)
          .remote().get());
    } finally {
      Ray.shutdown();
      Process stop = script(temp, "stop");
      String stopped = output(stop);
      assertEquals(0, stop.exitValue(), stopped);
      assertTrue(stopped.contains("stopped 1 node"), stopped);
    }
    assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "node " + pid + " still runs");
  }

  @Test
  void badOptionsFailWithAOneLineReason(@TempDir Path temp) throws Exception {
    Process start = script(temp, "start", "--block", "--address", ADDRESS, "--resources", "CPU=lots");
    String output = output(start);
    assertEquals(2, start.exitValue(), output);
    assertTrue(output.contains("resource CPU needs a number"), output);
  }

  private static Process script(Path temp, String... args) throws IOException {
    List<String> command = new java.util.ArrayList<>(List.of(SCRIPT.toString()));
    command.addAll(List.of(args));
    command.addAll(List.of("--temp-dir", temp.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("RAY_IGNITE_CLASSPATH", NodeProcess.currentClasspath());
    builder.environment().put("JAVA_OPTS", "-Xmx512m -XX:TieredStopAtLevel=1");
    return builder.start();
  }

  private static String output(Process process) throws Exception {
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the script did not finish: " + text);
    return text;
  }
}
