package org.rayonignite.bench;

import java.time.Duration;
import java.util.UUID;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.Ignition;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.call.TaskCaller;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Where a benchmark runs: Ray initialized in this JVM, the Ignite node Ray started for it (which
 * the raw side uses too, so both sides share one node), and the task node, the node both sides
 * send their tasks to. Embedded, the task node is this node; with two JVMs it is a worker node in
 * a JVM of its own, so that both sides cross the same loopback connection.
 */
final class ClusterUnderTest implements AutoCloseable {
  private static final Duration WORKER_JOIN_TIMEOUT = Duration.ofSeconds(60);
  /** A fixed-size heap for the worker, as for this JVM (bench/pom.xml): less noise from heap resizing. */
  private static final String[] WORKER_HEAP = {"-Xms1g", "-Xmx1g"};

  private final String label;
  private final Ignite ignite;
  private final NodeId taskNode;
  private final NodeProcess worker;
  private final Thread workerReaper;

  private ClusterUnderTest(String label, NodeId taskNode, NodeProcess worker) {
    this.label = label;
    this.ignite = igniteOf(Ray.getRuntimeContext().getCurrentNodeId());
    this.taskNode = taskNode;
    this.worker = worker;
    this.workerReaper = worker == null ? null : new Thread(worker::close, "bench-worker-reaper");
    if (workerReaper != null) {
      Runtime.getRuntime().addShutdownHook(workerReaper); // an aborted run leaves no worker behind
    }
  }

  /** Ray embedded: {@code Ray.init()} with no address, a one-node cluster in this JVM. */
  static ClusterUnderTest embedded(String label) {
    Ray.init();
    return new ClusterUnderTest(label, Ray.getRuntimeContext().getCurrentNodeId(), null);
  }

  /** A worker node in a JVM of its own and this JVM as the driver, on loopback {@code address}. */
  static ClusterUnderTest twoJvms(String label, String address) {
    NodeProcess worker = NodeProcess.builder().javaOptions(WORKER_HEAP)
        .args("--address", address, "--resources", "CPU=2").start();
    try {
      Ray.init(RayConfig.builder().address(address).build());
      awaitRayNode(worker.nodeId());
      return new ClusterUnderTest(label, worker.nodeId(), worker);
    } catch (RuntimeException e) {
      Ray.shutdown();
      worker.close();
      throw e;
    }
  }

  String label() {
    return label;
  }

  Ignite ignite() {
    return ignite;
  }

  /** {@code caller}, bound to run on the task node. */
  <R> TaskCaller<R> onTaskNode(TaskCaller<R> caller) {
    return caller.setNodeAffinity(taskNode, false);
  }

  /** Raw Ignite compute whose jobs run on the task node. */
  IgniteCompute rawComputeOnTaskNode() {
    return ignite.compute(ignite.cluster().forNodeId(taskNode.toUuid()));
  }

  /** Stops Ray here (and its Ignite node), then the worker JVM. */
  @Override
  public void close() {
    Ray.shutdown();
    if (worker != null) {
      worker.close();
      Runtime.getRuntime().removeShutdownHook(workerReaper);
    }
  }

  /** The Ignite node that Ray started in this JVM: the one whose id is Ray's node id. */
  private static Ignite igniteOf(NodeId rayNode) {
    UUID id = rayNode.toUuid();
    for (Ignite candidate : Ignition.allGrids()) {
      if (candidate.cluster().localNode().id().equals(id)) {
        return candidate;
      }
    }
    throw new IllegalStateException("no Ignite node in this JVM has Ray's node id " + rayNode);
  }

  /** Waits until this driver's Ray sees {@code node} as a live Ray node, so tasks can target it. */
  private static void awaitRayNode(NodeId node) {
    long deadline = System.nanoTime() + WORKER_JOIN_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      for (NodeInfo info : Ray.getRuntimeContext().getAllNodeInfo()) {
        if (info.getNodeId().equals(node) && info.isAlive()) {
          return;
        }
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the worker node", e);
      }
    }
    throw new IllegalStateException("the worker node " + node + " did not appear in Ray's view of "
        + "the cluster within " + WORKER_JOIN_TIMEOUT.toSeconds() + " s");
  }
}
