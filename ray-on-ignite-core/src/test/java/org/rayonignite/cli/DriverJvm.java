package org.rayonignite.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** A driver program in a JVM of its own, as users run one, for multi-JVM tests. */
public final class DriverJvm {
  private DriverJvm() {}

  /** Starts {@code main} with {@code args}, this JVM's class path and Ignite's JVM flags. */
  public static Process start(Class<?> main, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString()));
    command.addAll(NodeProcess.jvmFlags());
    command.addAll(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
        "-Djava.net.preferIPv4Stack=true", "-Dorg.slf4j.simpleLogger.log.org.apache.ignite=error",
        "-cp", NodeProcess.currentClasspath(), main.getName()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /**
   * The first line of the driver's output that starts with {@code prefix}; fails with its output
   * if it exits first or takes a minute.
   */
  public static String awaitLine(Process process, String prefix) throws Exception {
    StringBuilder output = new StringBuilder();
    CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
      try {
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
            StandardCharsets.UTF_8));
        String line;
        while ((line = lines.readLine()) != null) {
          output.append(line).append('\n');
          if (line.startsWith(prefix)) {
            return line;
          }
        }
        throw new IllegalStateException("the driver exited:\n" + output);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    });
    try {
      return ready.get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      throw new AssertionError("the driver printed no line starting with " + prefix
          + " within a minute; its output:\n" + output, e);
    }
  }
}
