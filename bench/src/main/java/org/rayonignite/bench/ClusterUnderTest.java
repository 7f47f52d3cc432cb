package org.rayonignite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.Ignition;
import org.rayonignite.Ray;
import org.rayonignite.RayState;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.actor.ActorCreator;
import org.rayonignite.api.call.TaskCaller;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Where a benchmark runs: Ray initialized in this JVM, the Ignite node Ray started for it (which
 * the raw side uses too, so both sides share one node), and the task node, the node both sides
 * send their tasks to. Embedded, the task node is this node; with worker JVMs it is the first
 * worker, so that both sides cross the same loopback connection; the actors of the actor
 * benchmarks live there too. A benchmark that needs a second driver process gets one from
 * {@link #secondDriver()}; it is stopped after that benchmark.
 */
final class ClusterUnderTest implements AutoCloseable {
  private static final Duration WORKER_JOIN_TIMEOUT = Duration.ofSeconds(60);
  /** A fixed-size heap for the workers, as for this JVM (bench/pom.xml): less noise from heap resizing. */
  static final String[] WORKER_HEAP = {"-Xms1g", "-Xmx1g"};
  /** How long node reports of fetched bytes may lag: they are published every 50 ms when they change. */
  private static final long REPORT_SETTLE_MS = 150;

  private final String label;
  private final String address;
  private final Ignite ignite;
  private final NodeId taskNode;
  private final List<NodeProcess> workers;
  private final Thread workerReaper;
  private SecondDriverProcess secondDriver;

  private ClusterUnderTest(String label, String address, NodeId taskNode, List<NodeProcess> workers) {
    this.label = label;
    this.address = address;
    this.ignite = igniteOf(Ray.getRuntimeContext().getCurrentNodeId());
    this.taskNode = taskNode;
    this.workers = workers;
    this.workerReaper = workers.isEmpty() ? null
        : new Thread(() -> workers.forEach(NodeProcess::close), "bench-worker-reaper");
    if (workerReaper != null) {
      Runtime.getRuntime().addShutdownHook(workerReaper); // an aborted run leaves no worker behind
    }
  }

  /** Ray embedded: {@code Ray.init()} with no address, a one-node cluster in this JVM. */
  static ClusterUnderTest embedded(String label) {
    Ray.init();
    return new ClusterUnderTest(label, null, Ray.getRuntimeContext().getCurrentNodeId(), List.of());
  }

  /**
   * {@code count} worker nodes, each in a JVM of its own with 2 CPUs, and this JVM as the driver,
   * on loopback {@code address}.
   */
  static ClusterUnderTest withWorkers(String label, String address, int count) {
    List<NodeProcess.Builder> builders = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      builders.add(NodeProcess.builder().javaOptions(WORKER_HEAP)
          .args("--address", address, "--resources", "CPU=2"));
    }
    List<NodeProcess> workers = NodeProcess.Builder.startAll(builders);
    try {
      Ray.init(RayConfig.builder().address(address).build());
      for (NodeProcess worker : workers) {
        awaitRayNode(worker.nodeId());
      }
      return new ClusterUnderTest(label, address, workers.get(0).nodeId(), workers);
    } catch (RuntimeException e) {
      Ray.shutdown();
      workers.forEach(NodeProcess::close);
      throw e;
    }
  }

  String label() {
    return label;
  }

  Ignite ignite() {
    return ignite;
  }

  /** The Ray nodes of the cluster: this driver's first, then the workers'. */
  List<NodeId> nodes() {
    List<NodeId> nodes = new ArrayList<>();
    nodes.add(Ray.getRuntimeContext().getCurrentNodeId());
    workers.forEach(worker -> nodes.add(worker.nodeId()));
    return nodes;
  }

  /** {@code caller}, bound to run on the task node. */
  <R> TaskCaller<R> onTaskNode(TaskCaller<R> caller) {
    return caller.setNodeAffinity(taskNode, false);
  }

  /** {@code creator}, bound to place its actor on the task node. */
  <A> ActorCreator<A> onTaskNode(ActorCreator<A> creator) {
    return creator.setNodeAffinity(taskNode, false);
  }

  /** Raw Ignite compute whose jobs run on the task node. */
  IgniteCompute rawComputeOnTaskNode() {
    return ignite.compute(ignite.cluster().forNodeId(taskNode.toUuid()));
  }

  /**
   * A second driver process in this cluster that submits to the task node, started on first use
   * and stopped by {@link #stopSecondDriver()}.
   */
  SecondDriverProcess secondDriver() {
    if (address == null) {
      throw new IllegalStateException("a second driver needs a cluster with an address, not the "
          + "embedded one");
    }
    if (secondDriver == null) {
      secondDriver = SecondDriverProcess.start(address, taskNode);
      awaitRayNode(secondDriver.nodeId()); // it has joined before its first submission
    }
    return secondDriver;
  }

  /** Stops the second driver, if one was started; it is in no other benchmark's cluster. */
  void stopSecondDriver() {
    if (secondDriver != null) {
      secondDriver.close();
      secondDriver = null;
    }
  }

  /**
   * Bytes all nodes fetched from other nodes so far ({@link RayState#bytesFetchedByNode()}),
   * read once the nodes' reports have caught up: it waits until the sum holds still.
   */
  static long bytesFetchedSettled() {
    long last = -1;
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (System.nanoTime() < deadline) {
      sleep(REPORT_SETTLE_MS);
      long now = RayState.bytesFetchedByNode().values().stream().mapToLong(Long::longValue).sum();
      if (now == last) {
        break;
      }
      last = now;
    }
    return last;
  }

  /** Stops the second driver, Ray here (and its Ignite node), then the worker JVMs. */
  @Override
  public void close() {
    stopSecondDriver();
    Ray.shutdown();
    if (!workers.isEmpty()) {
      workers.forEach(NodeProcess::close);
      Runtime.getRuntime().removeShutdownHook(workerReaper);
    }
  }

  /** The Ignite node that Ray started in this JVM: the one whose id is Ray's node id. */
  static Ignite igniteOf(NodeId rayNode) {
    UUID id = rayNode.toUuid();
    for (Ignite candidate : Ignition.allGrids()) {
      if (candidate.cluster().localNode().id().equals(id)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no Ignite node in this JVM has Ray's node id " + rayNode);
  }

  /** Waits until this JVM's Ray sees {@code node} as a live Ray node, so tasks can target it. */
  static void awaitRayNode(NodeId node) {
    long deadline = System.nanoTime() + WORKER_JOIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (NodeInfo info : Ray.getRuntimeContext().getAllNodeInfo()) {
        if (info.getNodeId().equals(node) && info.isAlive()) {
          return;
        }
      }
      sleep(50);
    }
    throw new IllegalStateException("node " + node + " did not appear in Ray's view of the cluster "
        + "within " + WORKER_JOIN_TIMEOUT.toSeconds() + " s");
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting", e);
    }
  }
}
