package org.rayonignite.runtime;

import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import org.apache.ignite.Ignite;
import org.apache.ignite.internal.IgniteEx;
import org.apache.ignite.internal.processors.metric.GridMetricManager;
import org.apache.ignite.internal.processors.metric.MetricRegistryImpl;
import org.apache.ignite.internal.processors.metric.impl.LongAdderMetric;
import org.apache.ignite.spi.metric.ReadOnlyMetricRegistry;
import org.rayonignite.objectstore.ObjectStore;

/**
 * This node's metrics, in Ignite's metric registry (so JMX and Ignite's metric exporters see
 * them): registries {@value #TASKS}, {@value #OBJECTS} and {@value #ACTORS}.
 *
 * <p>Design: what the hot path counts is a {@link LongAdderMetric} (no lock, no allocation per
 * task); everything else is a gauge read from the runtime's parts only when someone reads it.
 */
final class NodeMetrics {
  static final String TASKS = "ray.tasks";
  static final String OBJECTS = "ray.objects";
  static final String ACTORS = "ray.actors";
  /** Bucket bounds of the scheduling latency, in microseconds: 10 µs to 10 s in 1-2.5-5 steps. */
  private static final long[] LATENCY_BOUNDS_MICROS = {10, 25, 50, 100, 250, 500, 1_000, 2_500,
      5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000, 2_500_000, 5_000_000,
      10_000_000};

  private final GridMetricManager manager;
  private final LongAdderMetric submitted;
  private final LongAdderMetric finished;
  private final LongAdderMetric failed;
  private final LongAdderMetric withStoredInputs;
  private final LongAdderMetric dataLocal;
  private final LongAdderMetric callsFinished;
  private final LongAdderMetric callsFailed;
  private final LatencyHistogram schedulingLatency;

  NodeMetrics(Ignite ignite, NodeExecutor executor, TaskSubmitter submitter, ObjectManager objects,
      ObjectStore store, ActorHost actors) {
    this.manager = ((IgniteEx) ignite).context().metric();
    close(); // a runtime attached to this Ignite before and never shut down left its gauges
    MetricRegistryImpl tasks = manager.registry(TASKS);
    submitted = tasks.longAdderMetric("Submitted", "Tasks this node submitted (retries not counted).");
    finished = tasks.longAdderMetric("Finished", "Task attempts that ran on this node and succeeded.");
    failed = tasks.longAdderMetric("Failed", "Task attempts that ran on this node and failed "
        + "(threw, were cancelled, or returned a value that could not be stored).");
    gauge(tasks, "Running", executor::running,
        "Tasks and actor constructors running on this node now.");
    gauge(tasks, "Queued", executor::queued, "Tasks waiting on this node for resources.");
    gauge(tasks, "Pending", submitter::pendingCount,
        "Tasks this node submitted that have not finished.");
    gauge(tasks, "Infeasible", submitter::infeasibleCount,
        "Tasks this node submitted that no live node can run; they wait for one to join.");
    schedulingLatency = new LatencyHistogram(TASKS + ".SchedulingLatencyMicros",
        "Microseconds from a task's arrival on this node to its start.", LATENCY_BOUNDS_MICROS);
    tasks.register(schedulingLatency);
    gauge(tasks, "SchedulingLatencyTotalMicros", schedulingLatency::sum,
        "Sum of the scheduling latencies of the tasks started on this node, in microseconds.");
    gauge(tasks, "SchedulingLatencyMaxMicros", schedulingLatency::max,
        "Largest scheduling latency of a task started on this node, in microseconds.");
    withStoredInputs = tasks.longAdderMetric("WithStoredInputs",
        "Task attempts run on this node that read objects of the object store.");
    dataLocal = tasks.longAdderMetric("DataLocal",
        "Of the task attempts with stored inputs, those whose inputs were all on this node.");
    DoubleSupplier dataLocalFraction = () -> fraction(dataLocal.value(), withStoredInputs.value());
    tasks.register("DataLocalFraction", dataLocalFraction, "DataLocal / WithStoredInputs (NaN before the first task with stored inputs).");

    MetricRegistryImpl objectStore = manager.registry(OBJECTS);
    gauge(objectStore, "StoredObjects", store::localObjectCount,
        "Objects whose primary copy is in this node's part of the object store.");
    gauge(objectStore, "UsedBytes", store::usedBytes,
        "Bytes of this node's object store memory in use (objects and Ignite's page overhead).");
    gauge(objectStore, "CapacityBytes", store::capacityBytes,
        "Size of this node's object store memory in bytes (0 if unknown).");
    counter(objectStore, "Written", store::objectsWritten,
        "Objects this node wrote into the object store.");
    counter(objectStore, "WrittenBytes", store::bytesWritten,
        "Bytes of the objects this node wrote into the object store.");
    counter(objectStore, "Freed", store::objectsRemoved,
        "Objects this node removed from the object store.");
    counter(objectStore, "Refused", store::writesRefused,
        "Objects refused because this node's part of the object store was full.");
    counter(objectStore, "Spilled", store::objectsSpilled,
        "Objects this node spilled to disk files because its part of the object store was full.");
    counter(objectStore, "SpilledBytes", store::bytesSpilled,
        "Bytes of the objects this node spilled to disk files.");
    counter(objectStore, "SpillReads", store::spillReads,
        "Reads of spilled objects (or parts of them) served from this node's spill files.");
    counter(objectStore, "Evictions", objects::fetchCacheEvictions,
        "Copies of other nodes' objects evicted from this node's fetch cache (the store itself "
            + "never evicts: a full store spills new objects to disk).");
    counter(objectStore, "FetchedBytes", objects::bytesFetched,
        "Bytes of objects this node fetched from other nodes.");

    MetricRegistryImpl actorRegistry = manager.registry(ACTORS);
    gauge(actorRegistry, "Alive", actors::size, "Actors living on this node.");
    callsFinished = actorRegistry.longAdderMetric("CallsFinished",
        "Actor method calls that ran on this node and succeeded.");
    callsFailed = actorRegistry.longAdderMetric("CallsFailed",
        "Actor method calls that ran on this node and failed.");
  }

  private static void gauge(MetricRegistryImpl registry, String name, LongSupplier value,
      String description) {
    registry.register(name, value, description);
  }

  private static void counter(MetricRegistryImpl registry, String name, LongSupplier value,
      String description) {
    registry.register(new MonotonicGauge(registry.name() + "." + name, description, value));
  }

  private static double fraction(long part, long whole) {
    return whole == 0 ? Double.NaN : (double) part / whole;
  }

  void taskSubmitted() {
    submitted.increment();
  }

  /** A task (or actor constructor) the executor admitted starts on this thread. */
  void taskStarted(TaskSpec spec) {
    if (spec.queuedAt != 0) {
      schedulingLatency.value((System.nanoTime() - spec.queuedAt) / 1000);
    }
  }

  /** A task attempt that ran here ended. */
  void taskEnded(TaskSpec spec, boolean failure, boolean inputsAllLocal) {
    (failure ? failed : finished).increment();
    for (TaskArg arg : spec.args) {
      if (arg != null && arg.location() instanceof ObjectLocation.Stored) {
        withStoredInputs.increment();
        if (inputsAllLocal) {
          dataLocal.increment();
        }
        return;
      }
    }
  }

  void actorCallEnded(boolean failure) {
    (failure ? callsFailed : callsFinished).increment();
  }

  /** Every registry of this node, Ignite's own included. */
  Iterable<ReadOnlyMetricRegistry> registries() {
    return manager;
  }

  /** Takes this node's Ray registries out of Ignite's (and so out of JMX). */
  void close() {
    for (String registry : List.of(TASKS, OBJECTS, ACTORS)) {
      manager.remove(registry, false); // false: no metastorage write, which could block
    }
  }
}
