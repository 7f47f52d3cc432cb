package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.cli.NodeProcess;

/**
 * Keeps README.md's "Runtime environments" example true: compiles its Java block as written and
 * runs it in a JVM of its own, on this test's loopback ports (49560..49565) instead of the
 * default range, so it never meets another test's cluster.
 */
class RuntimeEnvReadmeTest {
  @TempDir
  Path directory;

  @Test
  void theExampleRunsAsWritten() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md").toAbsolutePath().normalize());
    int start = readme.indexOf("\n## Runtime environments\n");
    assertTrue(start >= 0, "README.md has no section Runtime environments");
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(readme);
    assertTrue(block.find(start), "the section has no Java block");
    String source = block.group(1).replace("127.0.0.1:47500..47509", "127.0.0.1:49560..49565");
    Path file = directory.resolve("EnvDemo.java");
    Files.writeString(file, source);
    String classpath = NodeProcess.currentClasspath();
    assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-cp", classpath,
        "-d", directory.toString(), file.toString()));
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString()));
    command.addAll(NodeProcess.jvmFlags());
    command.addAll(List.of("-Xmx256m", "-Djava.net.preferIPv4Stack=true", "-cp",
        classpath + File.pathSeparator + directory, "EnvDemo"));
    Process demo = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      assertTrue(demo.waitFor(180, TimeUnit.SECONDS), "the example did not end within 3 minutes");
      String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertEquals(0, demo.exitValue(), output);
      assertTrue(output.lines().anyMatch("hello 3 search"::equals), output);
    } finally {
      demo.destroyForcibly();
    }
  }
}
