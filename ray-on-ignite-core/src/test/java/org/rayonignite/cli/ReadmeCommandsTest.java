package org.rayonignite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "The ray-ignite command line" commands are commands the launcher takes: each is
 * run against an address where nothing listens and gets as far as connecting (exit 1, "nothing
 * listens there"), where a bad argument would have stopped it first (exit 2). What they print
 * against a cluster is {@link StateCommandsScriptTest}'s.
 */
class ReadmeCommandsTest {
  private static final String NOWHERE = "127.0.0.1:49345";

  @Test
  void theReadmeCommandsAreValid() throws Exception {
    List<String> commands = readmeCommands();
    assertEquals(Set.of("status", "list", "get", "summary", "timeline"),
        commands.stream().map(line -> line.split("\\s+")[1]).collect(Collectors.toSet()), commands.toString());
    for (String command : commands) {
      List<String> args = new ArrayList<>(Arrays.asList(command.split("\\s+")).subList(1, command.split("\\s+").length));
      args.addAll(List.of("--address", NOWHERE));
      ByteArrayOutputStream err = new ByteArrayOutputStream();
      int exit = RayIgnite.run(args.toArray(new String[0]), new PrintStream(new ByteArrayOutputStream()),
          new PrintStream(err, true, StandardCharsets.UTF_8), name -> null);
      String error = err.toString(StandardCharsets.UTF_8);
      assertEquals(1, exit, command + ": " + error);
      assertTrue(error.contains("nothing listens there"), command + ": " + error);
    }
  }

  /** The {@code bin/ray-ignite} lines of the section's shell block, without their comments. */
  private static List<String> readmeCommands() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    int start = readme.indexOf("## The ray-ignite command line");
    assertTrue(start >= 0, "the README has no \"The ray-ignite command line\" section");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    List<String> commands = section.lines().filter(line -> line.startsWith("bin/ray-ignite "))
        .map(line -> line.replaceAll("\\s+#.*$", "").trim()).toList();
    assertTrue(commands.size() >= 5, section);
    return commands;
  }
}
