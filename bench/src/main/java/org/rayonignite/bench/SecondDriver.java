package org.rayonignite.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.config.RayConfig;

/**
 * The second driver of {@code multi_client_tasks_async}, in a JVM of its own: it joins the
 * benchmark's cluster as a Ray node (as any driver does) and, when told, submits trivial tasks to
 * the task node with {@value TasksAsyncBenchmark#WINDOW} in flight, through Ray (ours) or raw
 * Ignite compute (raw), until told to stop. {@link SecondDriverProcess} drives it, one command a
 * line on stdin, answers on stdout after {@value #PREFIX}:
 *
 * <pre>
 * start ours | start raw   starts submitting (no answer)
 * stop                     stops, awaits what is in flight: "STOPPED &lt;completed calls&gt;" or "FAILED &lt;why&gt;"
 * quit, or end of input    leaves the cluster and exits
 * </pre>
 *
 * It prints {@code READY <node id>} once it has joined and sees the task node.
 * Usage: {@code SecondDriver ADDRESS TASK_NODE_HEX}.
 */
public final class SecondDriver {
  /** Starts every line of the protocol, so that log lines on the same output are told apart. */
  static final String PREFIX = "@second-driver ";

  private final NodeId taskNode;
  private final Ignite ignite;
  private Thread submitter;
  private final AtomicBoolean stopRequested = new AtomicBoolean();
  private volatile long completed;
  private volatile Throwable failure;

  private SecondDriver(NodeId taskNode) {
    this.taskNode = taskNode;
    this.ignite = ClusterUnderTest.igniteOf(Ray.getRuntimeContext().getCurrentNodeId());
  }

  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      System.err.println("usage: SecondDriver ADDRESS TASK_NODE_HEX");
      System.exit(64);
    }
    Ray.init(RayConfig.builder().address(args[0]).build());
    try {
      NodeId taskNode = NodeId.fromHex(args[1]);
      ClusterUnderTest.awaitRayNode(taskNode);
      SecondDriver driver = new SecondDriver(taskNode);
      answer("READY " + Ray.getRuntimeContext().getCurrentNodeId());
      BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String command;
      while ((command = commands.readLine()) != null && !command.equals("quit")) {
        switch (command) {
          case "start ours" -> driver.start(true);
          case "start raw" -> driver.start(false);
          case "stop" -> answer(driver.stop());
          default -> answer("FAILED unknown command " + command);
        }
      }
    } finally {
      Ray.shutdown();
    }
    System.exit(0);
  }

  private static synchronized void answer(String line) {
    System.out.println(PREFIX + line);
    System.out.flush();
  }

  private void start(boolean ours) {
    InFlightWindow<?> window = ours ? oursWindow() : rawWindow();
    stopRequested.set(false);
    completed = 0;
    failure = null;
    submitter = new Thread(() -> {
      long units = 0;
      try {
        while (!stopRequested.get()) {
          units += window.step();
        }
        units += window.finish();
      } catch (Throwable e) {
        failure = e;
      }
      completed = units;
    }, "second-driver-submitter");
    submitter.start();
  }

  private String stop() {
    if (submitter == null) {
      return "FAILED stop without start";
    }
    stopRequested.set(true);
    try {
      submitter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "FAILED interrupted";
    }
    submitter = null;
    Throwable error = failure;
    return error == null ? "STOPPED " + completed
        : "FAILED " + error.getClass().getSimpleName() + ": " + String.valueOf(error.getMessage()).replace('\n', ' ');
  }

  private InFlightWindow<ObjectRef<Integer>> oursWindow() {
    return new InFlightWindow<>(TasksAsyncBenchmark.WINDOW,
        () -> Ray.task(TrivialWork::one).setNodeAffinity(taskNode, false).remote(),
        ref -> TrivialWork.check(ref.get()));
  }

  private InFlightWindow<IgniteFuture<Integer>> rawWindow() {
    IgniteCompute compute = ignite.compute(ignite.cluster().forNodeId(taskNode.toUuid()));
    TrivialWork.OneCallable job = new TrivialWork.OneCallable();
    return new InFlightWindow<>(TasksAsyncBenchmark.WINDOW, () -> compute.callAsync(job),
        future -> TrivialWork.check(future.get()));
  }
}
