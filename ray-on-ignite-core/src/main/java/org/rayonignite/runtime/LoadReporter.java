package org.rayonignite.runtime;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Every {@link #PERIOD_MS} ms: publishes this node's load to the node registry when it changed,
 * and hands tasks that waited too long in this node's queue back to their owners when another
 * node has room for them now (spillback), so no task queues behind a busy node while others idle.
 */
final class LoadReporter {
  static final long PERIOD_MS = 50;
  /** How long a task waits in a busy node's queue before it may be handed back. */
  static final long SPILL_AFTER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  /**
   * A task with this many bytes of stored inputs waits {@link #SPILL_LARGE_INPUTS_AFTER_NANOS}
   * and then moves only to a node with nothing queued: fetching its inputs costs more than a
   * short wait here (measured: 1 MiB inputs on 3 JVMs moved 170 MB and ran 5% slower than
   * affinityCall with 48 in flight; with 6 in flight on a loaded machine, 68 MB at 100 ms).
   */
  static final long LARGE_INPUT_BYTES = 64 << 10;
  static final long SPILL_LARGE_INPUTS_AFTER_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final NodeRuntime runtime;
  private final ClusterView view;
  private final NodeExecutor executor;
  private final ScheduledExecutorService timer;
  private NodeLoad published = NodeLoad.IDLE;

  LoadReporter(NodeRuntime runtime, ClusterView view, NodeExecutor executor, String name) {
    this.runtime = runtime;
    this.view = view;
    this.executor = executor;
    ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1, new DaemonThreads("ray-load-" + name));
    pool.setRemoveOnCancelPolicy(true);
    this.timer = pool;
  }

  void start() {
    timer.scheduleWithFixedDelay(this::tick, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
  }

  void stop() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void tick() {
    try {
      runtime.objects().freeUnreachable();
      publish();
      spill();
    } catch (RuntimeException e) {
      // The node is stopping, or the registry is unreachable for a moment: try next period.
    }
  }

  private void publish() {
    NodeLoad load = new NodeLoad(executor.free(), executor.running(), executor.queued(),
        runtime.objects().bytesFetched());
    if (!load.equals(published)) {
      NodeRecord self = view.node(runtime.localNodeId());
      if (self != null) {
        view.publish(self.withLoad(load));
        published = load;
      }
    }
  }

  private static long storedInputBytes(TaskSpec spec) {
    long bytes = 0;
    for (TaskArg arg : spec.args) {
      if (arg.location() instanceof ObjectLocation.Stored stored) {
        bytes += stored.size();
      }
    }
    return bytes;
  }

  private void spill() {
    if (executor.queued() == 0) {
      return;
    }
    UUID local = runtime.localNodeId();
    List<NodeRecord> others = view.nodes().stream()
        .filter(node -> !node.nodeId.equals(local) && !node.client).toList();
    double roomElsewhere = others.stream()
        .mapToDouble(node -> Math.max(0, node.load.free().getOrDefault("CPU", 0.0))).sum();
    if (roomElsewhere < 1) {
      return;
    }
    long now = System.nanoTime();
    List<TaskSpec> spilled = executor.takeSpillable(SPILL_AFTER_NANOS, (int) roomElsewhere, spec -> {
      boolean large = storedInputBytes(spec) >= LARGE_INPUT_BYTES;
      if (large && now - spec.queuedAt < SPILL_LARGE_INPUTS_AFTER_NANOS) {
        return false;
      }
      return others.stream().anyMatch(node -> spec.demand.fitsIn(node.load.free())
          && (!large || node.load.queued() == 0));
    });
    for (TaskSpec spec : spilled) {
      runtime.sendSpill(spec.taskId.getOwnerUuid(), new WireCodec.Spill(spec.taskId, spec.attempt));
    }
  }
}
