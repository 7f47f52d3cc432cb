package org.rayonignite.runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.rayonignite.cli.NodeProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker JVM of a runtime env: started with the env's variables and JVM options and this
 * node's class path, it joins the cluster as a client node ({@link EnvWorkerMain}) and says so on
 * a line of its output. Its settings go in on its stdin (so no password shows in a process
 * list), which then stays open: the worker stops when it closes, so it never outlives this node's
 * JVM, even one killed with SIGKILL. Its other output lines go to this JVM's stdout.
 */
final class EnvWorkerProcess {
  private static final Logger LOG = LoggerFactory.getLogger(EnvWorkerProcess.class);
  /** The line a worker prints when its runtime serves, followed by its node id. */
  static final String READY = "ray-env-worker ready ";
  private static final int OUTPUT_LINES_KEPT = 30;
  private static final long STOP_WAIT_SECONDS = 20;

  private final Process process;
  private final String description;
  /** Completes with the worker's node id once it serves; fails if it exits first. */
  final CompletableFuture<UUID> ready = new CompletableFuture<>();
  /** Its last lines of output, for the error when it cannot start; guarded by itself. */
  private final ArrayDeque<String> lastLines = new ArrayDeque<>();

  private EnvWorkerProcess(Process process, String description) {
    this.process = process;
    this.description = description;
  }

  /**
   * Starts a worker JVM; {@code settings} are the {@code ray.*}-less config keys it reads from its
   * stdin, {@code exited} is told when the process ends.
   */
  static EnvWorkerProcess start(Map<String, String> envVars, List<String> jvmOptions,
      Properties settings, Consumer<EnvWorkerProcess> exited) throws RuntimeEnvException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    if (System.getProperty("java.net.preferIPv4Stack") != null) {
      command.add("-Djava.net.preferIPv4Stack=" + System.getProperty("java.net.preferIPv4Stack"));
    }
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(NodeProcess.currentClasspath());
    command.add(EnvWorkerMain.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(envVars);
    String description = "worker JVM (env vars " + envVars.keySet() + ", JVM options " + jvmOptions + ")";
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new RuntimeEnvException("the " + description + " cannot be started: " + e.getMessage(), e);
    }
    EnvWorkerProcess worker = new EnvWorkerProcess(process, description);
    try {
      OutputStream stdin = process.getOutputStream();
      settings.store(stdin, null);
      stdin.write(("\n" + EnvWorkerMain.END_OF_SETTINGS + "\n").getBytes(StandardCharsets.UTF_8));
      stdin.flush();
    } catch (IOException e) {
      // It exited at once (a bad JVM option): its output, read below, says why.
      LOG.debug("Could not write the settings of {}: {}", description, e.toString());
    }
    Thread reader = new Thread(() -> worker.readOutput(exited), "ray-env-worker-output-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    return worker;
  }

  /** Reads the worker's output until it exits: the ready line, then lines for this JVM's stdout. */
  private void readOutput(Consumer<EnvWorkerProcess> exited) {
    PrintStream out = System.out;
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (!ready.isDone() && line.startsWith(READY)) {
          ready.complete(UUID.fromString(line.substring(READY.length()).trim()));
          continue;
        }
        synchronized (lastLines) {
          lastLines.addLast(line);
          if (lastLines.size() > OUTPUT_LINES_KEPT) {
            lastLines.removeFirst();
          }
        }
        out.println(line);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("Stopped reading the output of {}: {}", description, e.toString());
    }
    int code = waitForExit();
    ready.completeExceptionally(new RuntimeEnvException("the " + description + " exited with code "
        + code + " before it was ready; its output:\n" + lastOutput()));
    exited.accept(this);
  }

  private int waitForExit() {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The worker's last lines of output. */
  String lastOutput() {
    synchronized (lastLines) {
      return String.join("\n", lastLines);
    }
  }

  String description() {
    return description;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /**
   * Stops the worker: closes its stdin (it shuts its runtime down and exits), forcibly after a
   * while. Returns once the process is gone.
   */
  void stop() {
    try {
      process.getOutputStream().close();
    } catch (IOException e) {
      LOG.debug("Could not close the stdin of {}: {}", description, e.toString());
    }
    try {
      if (!process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
        LOG.warn("The {} (pid {}) did not stop within {} s; killing it", description, process.pid(),
            STOP_WAIT_SECONDS);
        process.destroyForcibly();
        process.waitFor(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
