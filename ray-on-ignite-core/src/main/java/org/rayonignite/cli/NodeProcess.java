package org.rayonignite.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.rayonignite.api.NodeId;

/**
 * A Ray on Ignite node in a JVM process of its own ({@code ray-ignite start --block}), started
 * from Java: how tests, benchmarks and tools run multi-JVM clusters on one machine.
 *
 * <pre>{@code
 * try (NodeProcess worker = NodeProcess.builder()
 *     .args("--address", "127.0.0.1:48500..48509", "--resources", "CPU=2").start()) {
 *   ... // the worker is in the cluster here
 * }                                              // stopped and gone here
 * }</pre>
 */
public final class NodeProcess implements AutoCloseable {
  private final Process process;
  private final NodeId nodeId;
  private final StringBuffer output;

  private NodeProcess(Process process, NodeId nodeId, StringBuffer output) {
    this.process = process;
    this.nodeId = nodeId;
    this.output = output;
  }

  /** A new builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** The JVM flags Ignite needs on Java 17 ({@code --add-opens ...}), as the build defines them. */
  public static List<String> jvmFlags() {
    try (InputStream in = NodeProcess.class.getResourceAsStream("jvm-flags.txt")) {
      if (in == null) {
        throw new IllegalStateException("jvm-flags.txt is missing from the ray-on-ignite-core jar");
      }
      String flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
      return flags.isEmpty() ? List.of() : Arrays.asList(flags.split("\\s+"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** This JVM's class path: under Maven Surefire, the test class path it lists. */
  public static String currentClasspath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
  }

  /** The node's id. */
  public NodeId nodeId() {
    return nodeId;
  }

  /** The process id. */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process printed so far (stdout and stderr). */
  public String output() {
    return output.toString();
  }

  /** Kills the process at once, as {@code kill -9} does: no shutdown of any kind. */
  public void kill() {
    process.destroyForcibly();
    awaitExit(Duration.ofSeconds(30));
  }

  /** Stops the node gracefully (SIGTERM, so {@code Ray.shutdown()} runs), forcibly after 20 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!awaitExit(Duration.ofSeconds(20))) {
      kill();
    }
  }

  private boolean awaitExit(Duration timeout) {
    try {
      return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Builds and starts a {@link NodeProcess}. */
  public static final class Builder {
    private String classpath = currentClasspath();
    private final List<String> javaOptions = new ArrayList<>();
    private final List<String> args = new ArrayList<>();
    private Duration startTimeout = Duration.ofSeconds(60);
    private Path logFile;

    private Builder() {}

    /** The process's class path. Default: this JVM's. */
    public Builder classpath(String classpath) {
      this.classpath = classpath;
      return this;
    }

    /** JVM options besides the Ignite flags, e.g. {@code -Xmx512m} or {@code -Dkey=value}. */
    public Builder javaOptions(String... options) {
      javaOptions.addAll(Arrays.asList(options));
      return this;
    }

    /** Options of {@code ray-ignite start}, e.g. {@code "--address", "127.0.0.1:48500..48509"}. */
    public Builder args(String... startArgs) {
      args.addAll(Arrays.asList(startArgs));
      return this;
    }

    /** How long to wait for the node to be up. Default 60 s. */
    public Builder startTimeout(Duration timeout) {
      this.startTimeout = timeout;
      return this;
    }

    /** Also append the process's output to this file. */
    public Builder logFile(Path file) {
      this.logFile = file;
      return this;
    }

    /**
     * Starts the process and waits until the node is in the cluster.
     *
     * @throws IllegalStateException with the process's output if it exits or times out first
     */
    public NodeProcess start() {
      return launch().await();
    }

    /**
     * Starts several processes at once and waits until all are up; if one fails, the others are
     * stopped.
     */
    public static List<NodeProcess> startAll(List<Builder> builders) {
      List<Launch> launches = new ArrayList<>();
      for (Builder builder : builders) {
        launches.add(builder.launch());
      }
      List<NodeProcess> started = new ArrayList<>();
      try {
        for (Launch launch : launches) {
          started.add(launch.await());
        }
        return started;
      } catch (RuntimeException e) {
        launches.forEach(launch -> launch.process.destroyForcibly());
        throw e;
      }
    }

    private final class Launch {
      final Process process;
      final StringBuffer output;
      final CompletableFuture<NodeId> started;

      Launch(Process process, StringBuffer output, CompletableFuture<NodeId> started) {
        this.process = process;
        this.output = output;
        this.started = started;
      }

      NodeProcess await() {
        try {
          NodeId id = started.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
          return new NodeProcess(process, id, output);
        } catch (TimeoutException | ExecutionException e) {
          process.destroyForcibly();
          throw new IllegalStateException("the node process did not start within " + startTimeout
              + " (" + e.getMessage() + "); its output:\n" + output, e);
        } catch (InterruptedException e) {
          process.destroyForcibly();
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while starting a node process", e);
        }
      }
    }

    private Launch launch() {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmFlags());
      command.add("-Djava.net.preferIPv4Stack=true");
      // Quiet Ignite unless asked otherwise (a later -D of the same name wins).
      command.add("-Dorg.slf4j.simpleLogger.log.org.apache.ignite=error");
      command.addAll(javaOptions);
      command.add("-cp");
      command.add(classpath);
      command.add(RayIgnite.class.getName());
      command.add("start");
      command.add("--block");
      command.addAll(args);
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start " + command.get(0), e);
      }
      StringBuffer output = new StringBuffer();
      CompletableFuture<NodeId> started = new CompletableFuture<>();
      Thread reader = new Thread(() -> read(process, output, started), "node-process-" + process.pid());
      reader.setDaemon(true);
      reader.start();
      return new Launch(process, output, started);
    }

    private void read(Process process, StringBuffer output, CompletableFuture<NodeId> started) {
      try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8))) {
        String line;
        while ((line = lines.readLine()) != null) {
          output.append(line).append('\n');
          if (logFile != null) {
            appendToLog(line);
          }
          if (!started.isDone() && line.startsWith(RayIgnite.STARTED)) {
            String rest = line.substring(RayIgnite.STARTED.length());
            started.complete(NodeId.fromHex(rest.substring(0, rest.indexOf(' '))));
          }
        }
      } catch (IOException | RuntimeException e) {
        started.completeExceptionally(e);
      }
      String exited = "the process exited with code " + exitCode(process);
      started.completeExceptionally(new IllegalStateException(exited));
      if (logFile != null) {
        appendToLog("[" + exited + "]");
      }
    }

    /** Appends to the log file; a failed write is skipped, so the process's output is still drained. */
    private void appendToLog(String line) {
      try {
        Files.writeString(logFile, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } catch (IOException e) {
        // The output stays in output(); a process blocked on a full pipe would be worse.
      }
    }

    private static String exitCode(Process process) {
      try {
        return String.valueOf(process.waitFor());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "?";
      }
    }
  }
}
