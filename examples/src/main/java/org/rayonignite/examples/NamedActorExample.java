package org.rayonignite.examples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * A detached named actor outlives the job that created it, and a driver in another JVM finds it
 * by name: Ray's "Named actors" and "Actor lifetimes" in Java, over three JVMs.
 *
 * <pre>
 * mvn -q -DskipTests package exec:exec -pl examples -am \
 *     -Dexec.mainClass=org.rayonignite.examples.NamedActorExample
 * </pre>
 *
 * <ol>
 *   <li>It starts a worker node JVM ({@link NodeProcess}) on loopback ports {@value #DEFAULT_ADDRESS}.
 *   <li>Driver 1 (this JVM) joins in namespace {@value #NAMESPACE} and creates on the worker a
 *       DETACHED counter named {@value #DETACHED_NAME} and, for contrast, a non-detached one named
 *       {@value #JOB_NAME}; it increments both (1), then ends its job ({@code Ray.shutdown()}),
 *       which ends {@value #JOB_NAME} but not the detached counter.
 *   <li>Driver 2, a JVM of its own ({@link NamedActorSecondDriver}), joins the same namespace,
 *       finds the detached counter with {@code Ray.getActor}, increments it (2: its state
 *       survived), finds no {@value #JOB_NAME}, and reports both on its output.
 *   <li>Driver 1 joins again (a new job), checks driver 2's result against the counter's value,
 *       and kills the detached counter: a call on it then throws {@code RayActorException}.
 *   <li>The worker is stopped, also when something fails or the program is interrupted.
 * </ol>
 * Exit code 0 when all of that held.
 */
public final class NamedActorExample {
  /** Where the example's cluster discovers itself: loopback ports of its own. */
  public static final String DEFAULT_ADDRESS = "127.0.0.1:48620..48629";
  /** Named actors are unique per namespace, and a driver sees those of its own namespace. */
  static final String NAMESPACE = "named-actor-example";
  static final String DETACHED_NAME = "global_counter";
  static final String JOB_NAME = "job_counter";
  private static final long DRIVER_TIMEOUT_SECONDS = 120;
  /** Calls on a killed actor that may still run: the kill reaches its node on a channel of its own. */
  private static final int CALLS_AFTER_KILL = 1000;

  private NamedActorExample() {}

  /**
   * What the three steps saw.
   *
   * @param firstValue what {@code increment()} returned to driver 1 (1)
   * @param secondDriverExitCode driver 2's exit code (0 when it found the detached counter)
   * @param secondDriverValue what {@code increment()} returned to driver 2 (2), -1 if it reported none
   * @param secondDriverFoundJobActor whether driver 2 found the non-detached counter (it should not)
   * @param valueAfterSecondDriver {@code getCounter()} in driver 1's second job (2), -1 if not found
   * @param callAfterKill the exception a call on the killed counter threw, by simple class name
   */
  public record Report(int firstValue, int secondDriverExitCode, int secondDriverValue,
      boolean secondDriverFoundJobActor, int valueAfterSecondDriver, String callAfterKill) {
    /** Whether the detached counter kept its state across jobs and JVMs, and the job's did not live on. */
    public boolean ok() {
      return firstValue == 1 && secondDriverExitCode == 0 && secondDriverValue == 2
          && !secondDriverFoundJobActor && valueAfterSecondDriver == secondDriverValue
          && RayActorException.class.getSimpleName().equals(callAfterKill);
    }
  }

  public static void main(String[] args) {
    System.exit(run(DEFAULT_ADDRESS, System.out).ok() ? 0 : 1);
  }

  /** Starts the worker on {@code address}, runs both drivers and stops the worker, whatever happens. */
  public static Report run(String address, PrintStream out) {
    out.println("starting a worker JVM on " + address + " ...");
    try (NodeProcess worker = NodeProcess.builder().javaOptions("-Xmx256m")
        .args("--address", address, "--resources", "CPU=1").start()) {
      Thread reaper = new Thread(worker::close, "named-actor-worker-reaper");
      Runtime.getRuntime().addShutdownHook(reaper); // an interrupted run leaves no worker behind
      try {
        int firstValue = firstJob(address, worker.nodeId(), out);
        SecondDriverResult second = secondDriver(address, out);
        return checkAndKill(address, firstValue, second, out);
      } finally {
        Runtime.getRuntime().removeShutdownHook(reaper);
      }
    } finally {
      out.println("stopped the worker JVM");
    }
  }

  /** Driver 1's first job: creates the two named counters on the worker, then ends. */
  private static int firstJob(String address, NodeId worker, PrintStream out) {
    Ray.init(driverConfig(address).resources(Map.of("CPU", 1.0)).build());
    try {
      awaitNode(worker);
      // Pinned to the worker: this JVM is a node too, and actors on it would leave with it.
      ActorHandle<Counter> detached = Ray.actor(Counter::new).setName(DETACHED_NAME)
          .setLifetime(ActorLifetime.DETACHED).setNodeAffinity(worker, false).remote();
      ActorHandle<Counter> jobScoped = Ray.actor(Counter::new).setName(JOB_NAME)
          .setNodeAffinity(worker, false).remote();
      int value = detached.task(Counter::increment).remote().get();
      int jobValue = jobScoped.task(Counter::increment).remote().get();
      out.println("driver 1: created DETACHED \"" + DETACHED_NAME + "\" and non-detached \""
          + JOB_NAME + "\" on the worker; increment() returned " + value + " and " + jobValue);
      return value;
    } finally {
      Ray.shutdown();
      out.println("driver 1: ended its job (Ray.shutdown) and left the cluster");
    }
  }

  /** Driver 1's second job: driver 2's increment must show in the counter; then kill it. */
  private static Report checkAndKill(String address, int firstValue, SecondDriverResult second,
      PrintStream out) {
    Ray.init(driverConfig(address).resources(Map.of("CPU", 1.0)).build());
    try {
      Optional<ActorHandle<Counter>> counter = Ray.getActor(DETACHED_NAME);
      if (counter.isEmpty()) {
        out.println("driver 1: Ray.getActor(\"" + DETACHED_NAME + "\") found nothing in the new job");
        return new Report(firstValue, second.exitCode(), second.value(), second.jobActorFound(), -1,
            "not found");
      }
      int value = counter.get().task(Counter::getCounter).remote().get();
      out.println("driver 1: joined again (a new job); driver 2 reported " + second.value()
          + " and getCounter() returns " + value
          + (value == second.value() ? ": the same counter" : ": they DIFFER"));
      counter.get().kill();
      String callAfterKill = callUntilDead(counter.get());
      out.println("driver 1: killed \"" + DETACHED_NAME + "\"; getCounter() on it now throws "
          + callAfterKill);
      return new Report(firstValue, second.exitCode(), second.value(), second.jobActorFound(), value,
          callAfterKill);
    } finally {
      Ray.shutdown();
    }
  }

  /**
   * Calls the killed actor until a call fails: the kill travels to the actor's node apart from
   * the calls, so a call made just after it may still run.
   */
  private static String callUntilDead(ActorHandle<Counter> killed) {
    for (int i = 0; i < CALLS_AFTER_KILL; i++) {
      try {
        killed.task(Counter::getCounter).remote().get(30_000);
      } catch (RayActorException e) {
        return e.getClass().getSimpleName();
      }
    }
    return "nothing: " + CALLS_AFTER_KILL + " calls after kill() all returned";
  }

  static RayConfig.Builder driverConfig(String address) {
    return RayConfig.builder().address(address).namespace(NAMESPACE);
  }

  /** What driver 2 reported on its {@link NamedActorSecondDriver#RESULT} line, and its exit code. */
  record SecondDriverResult(int exitCode, int value, boolean jobActorFound) {}

  /** Runs driver 2 in a JVM of its own, passes its output on, and reads its result. */
  private static SecondDriverResult secondDriver(String address, PrintStream out) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-Xmx256m");
    command.add("-cp");
    command.add(NodeProcess.currentClasspath());
    command.add(NamedActorSecondDriver.class.getName());
    command.add(address);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the second driver", e);
    }
    Thread reaper = new Thread(process::destroyForcibly, "named-actor-driver-reaper");
    Runtime.getRuntime().addShutdownHook(reaper);
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread copier = new Thread(() -> copyLines(process, out, result), "named-actor-driver-output");
    copier.start();
    try {
      if (!process.waitFor(DRIVER_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        out.println("driver 2 did not finish within " + DRIVER_TIMEOUT_SECONDS + " s: killing it");
        process.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      }
      copier.join(TimeUnit.SECONDS.toMillis(20)); // the rest of its output
      int exitCode = process.isAlive() ? -1 : process.exitValue();
      String line = result.getNow(null);
      if (line == null) {
        return new SecondDriverResult(exitCode, -1, false);
      }
      String[] fields = line.substring(NamedActorSecondDriver.RESULT.length()).trim().split(" ");
      return new SecondDriverResult(exitCode, Integer.parseInt(fields[0]), Boolean.parseBoolean(fields[1]));
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while driver 2 ran", e);
    } finally {
      Runtime.getRuntime().removeShutdownHook(reaper);
    }
  }

  /** Prints driver 2's lines, but for its result line, which completes {@code result}. */
  private static void copyLines(Process process, PrintStream out, CompletableFuture<String> result) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith(NamedActorSecondDriver.RESULT)) {
          result.complete(line);
        } else {
          out.println(line);
        }
      }
    } catch (IOException e) {
      out.println("(reading driver 2's output failed: " + e + ")");
    }
  }

  /** Waits until this driver sees {@code node} among Ray's nodes: its node table fills in shortly after it joins. */
  private static void awaitNode(NodeId node) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Ray.getRuntimeContext().getAllNodeInfo().stream().noneMatch(info -> info.getNodeId().equals(node))) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("node " + node + " is not among Ray's nodes after 60 s");
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }
}
