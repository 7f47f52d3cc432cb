package org.rayonignite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.rayonignite.api.NodeId;
import org.rayonignite.cli.NodeProcess;

/**
 * This JVM's handle on a {@link SecondDriver} process: starts it in the cluster at an address,
 * tells it to start and stop submitting, and stops it (also from a shutdown hook, so an aborted
 * benchmark leaves no process behind).
 */
final class SecondDriverProcess implements AutoCloseable {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(120);

  private final Process process;
  private final Writer commands;
  private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
  private final StringBuffer output = new StringBuffer();
  private final Thread reaper;
  private NodeId nodeId;

  private SecondDriverProcess(Process process) {
    this.process = process;
    this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.reaper = new Thread(process::destroyForcibly, "bench-second-driver-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    Thread reader = new Thread(this::read, "bench-second-driver-output");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts a second driver in the cluster at {@code address} and waits until it is ready. */
  static SecondDriverProcess start(String address, NodeId taskNode) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    command.add("-Djava.net.preferIPv4Stack=true");
    command.addAll(List.of(ClusterUnderTest.WORKER_HEAP));
    command.add("-XX:+UseG1GC");
    command.add("-cp");
    command.add(NodeProcess.currentClasspath());
    command.add(SecondDriver.class.getName());
    command.add(address);
    command.add(taskNode.toString());
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the second driver", e);
    }
    SecondDriverProcess driver = new SecondDriverProcess(process);
    try {
      String ready = driver.answer(START_TIMEOUT);
      if (!ready.startsWith("READY ")) {
        throw driver.failure("answered \"" + ready + "\" instead of READY");
      }
      driver.nodeId = NodeId.fromHex(ready.substring("READY ".length()).trim());
      return driver;
    } catch (RuntimeException e) {
      driver.close();
      throw e;
    }
  }

  NodeId nodeId() {
    return nodeId;
  }

  /** Starts submitting through Ray ({@code ours}) or raw Ignite compute. */
  void startSubmitting(boolean ours) {
    send(ours ? "start ours" : "start raw");
  }

  /** Stops submitting; returns the calls completed since the start, in-flight ones included. */
  long stopSubmitting() {
    send("stop");
    String answer = answer(STOP_TIMEOUT);
    if (!answer.startsWith("STOPPED ")) {
      throw failure(answer);
    }
    return Long.parseLong(answer.substring("STOPPED ".length()).trim());
  }

  /** Asks it to leave the cluster and exit; kills it if it has not within 20 s. */
  @Override
  public void close() {
    try {
      send("quit");
    } catch (RuntimeException e) {
      // It is gone already.
    }
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException e) {
      // The JVM is shutting down: the hook runs anyway.
    }
  }

  private void send(String command) {
    try {
      commands.write(command + "\n");
      commands.flush();
    } catch (IOException e) {
      throw failure("cannot take command \"" + command + "\" (" + e.getMessage() + ")");
    }
  }

  private String answer(Duration timeout) {
    try {
      String answer = answers.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (answer == null) {
        throw failure(process.isAlive() ? "did not answer within " + timeout.toSeconds() + " s"
            : "exited with code " + process.exitValue());
      }
      return answer;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure("interrupted while waiting for an answer");
    }
  }

  private IllegalStateException failure(String what) {
    return new IllegalStateException("the second driver (pid " + process.pid() + ") " + what
        + "; its output:\n" + output);
  }

  private void read() {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(SecondDriver.PREFIX)) {
          answers.add(line.substring(SecondDriver.PREFIX.length()));
        } else {
          output.append(line).append('\n');
        }
      }
    } catch (IOException e) {
      output.append("(reading its output failed: ").append(e).append(")\n");
    }
  }
}
