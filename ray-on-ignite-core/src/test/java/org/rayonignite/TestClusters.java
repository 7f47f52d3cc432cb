package org.rayonignite;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.rayonignite.cli.NodeProcess;

/** Starts worker JVMs for multi-JVM tests, each test class on a loopback port range of its own. */
final class TestClusters {
  private static final AtomicInteger WORKERS_STARTED = new AtomicInteger();
  /** The log files of the workers started so far, oldest first (see {@link WorkerLogsOnFailure}). */
  static final List<Path> WORKER_LOGS = new CopyOnWriteArrayList<>();

  private TestClusters() {}

  /** {@code 127.0.0.1:base..base+9}. */
  static String address(int basePort) {
    return "127.0.0.1:" + basePort + ".." + (basePort + 9);
  }

  /** This JVM's class path without the test classes: a worker that must peer-load them. */
  static String classpathWithoutTests() {
    return Arrays.stream(NodeProcess.currentClasspath().split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  /** Shuts Ray down in this JVM, then stops the workers and checks that none is left running. */
  static void shutdown(NodeProcess... workers) {
    Ray.shutdown();
    for (NodeProcess worker : workers) {
      worker.close();
      if (worker.isAlive()) {
        throw new AssertionError("worker " + worker.pid() + " is still running");
      }
    }
  }

  /**
   * A worker on {@code address} with these extra start options. Its output also goes to
   * {@code target/worker-logs/<first port>-<n>.log}, to read after a failed run.
   */
  static NodeProcess.Builder worker(String address, String... options) {
    List<String> args = new ArrayList<>(List.of("--address", address, "--object-store-memory",
        String.valueOf(256L << 20)));
    args.addAll(Arrays.asList(options));
    return NodeProcess.builder().javaOptions("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            // What tells why a node left: discovery's view and long JVM pauses.
            "-Dorg.slf4j.simpleLogger.log.org.apache.ignite.spi.discovery=warn",
            "-Dorg.slf4j.simpleLogger.log.org.apache.ignite.internal.LongJVMPauseDetector=warn")
        .args(args.toArray(new String[0])).logFile(logFile(address));
  }

  private static Path logFile(String address) {
    Path dir = Path.of("target", "worker-logs");
    String firstPort = address.substring(address.lastIndexOf(':') + 1).split("\\.\\.")[0];
    Path log = dir.resolve(firstPort + "-" + WORKERS_STARTED.incrementAndGet() + ".log");
    try {
      Files.createDirectories(dir);
      Files.deleteIfExists(log); // an earlier run's
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    WORKER_LOGS.add(log);
    return log;
  }
}
