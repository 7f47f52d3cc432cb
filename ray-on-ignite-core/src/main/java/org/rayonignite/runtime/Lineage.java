package org.rayonignite.runtime;

import java.lang.ref.WeakReference;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.TaskId;

/**
 * How to make a task's stored returns again if they are lost with the node holding them: the
 * task itself (Ray's lineage). An owned stored return points to it from its
 * {@link ObjectEntry#producer}, so it lives exactly as long as one of those objects is
 * referenced here.
 *
 * <p>Design: like Ray's lineage pinning, this keeps what re-running needs, not the objects: the
 * task's function and argument values, and for each stored input its id, its entry weakly (used
 * while someone else keeps it) and its own lineage (to make it again once freed). Inline inputs
 * travel in the arguments and cannot be lost. Runs of the lineage count against the task's
 * {@code maxRetries}.
 */
final class Lineage {
  final TaskId taskId;
  final String name;
  final RayFunction function;
  final byte[] captured;
  /** The first run's arguments: values and inline inputs as they were; stored inputs re-resolved. */
  final TaskArg[] args;
  final CallOptions options;
  final int jobId;
  final String namespace;
  /** Refs inside the argument values, kept while a run may read them. */
  final ObjectEntry[] contained;
  /** Per argument position: ids of stored inputs, null elsewhere. */
  final ObjectId[] inputIds;
  private final WeakReference<ObjectEntry>[] inputs;
  /** Per argument position: how to make a stored input again, null if it cannot be (a put). */
  final Lineage[] inputLineage;
  /** The task's return entries; guarded by this. */
  private final WeakReference<ObjectEntry>[] returns;
  /** Runs so far, the first one's retries included; guarded by this. */
  private int attempts;
  /** The returns of the run under way, or null; guarded by this. */
  private ObjectEntry[] running;

  @SuppressWarnings("unchecked")
  private Lineage(PendingTask task) {
    this.taskId = task.taskId;
    this.name = task.name;
    this.function = task.function;
    this.captured = task.captured;
    this.args = task.args.clone();
    this.options = task.options;
    this.jobId = task.jobId;
    this.contained = task.contained;
    this.namespace = task.namespace;
    int arity = args.length;
    this.inputIds = new ObjectId[arity];
    this.inputs = new WeakReference[arity];
    this.inputLineage = new Lineage[arity];
    for (int i = 0; i < arity; i++) {
      ObjectEntry input = task.dependencies == null ? null : task.dependencies[i];
      if (input != null && args[i].location() instanceof ObjectLocation.Stored) {
        inputIds[i] = input.id;
        inputs[i] = new WeakReference<>(input);
        inputLineage[i] = input.producer;
      }
    }
    this.returns = new WeakReference[task.returns.length];
    for (int i = 0; i < returns.length; i++) {
      returns[i] = new WeakReference<>(task.returns[i]);
    }
    this.attempts = task.attempt + 1;
  }

  /**
   * The lineage of {@code task}, which just finished with {@code stored} of its returns in the
   * store, or null if nothing of it can be lost or it cannot run again (an actor's call, a
   * stream).
   */
  static Lineage of(PendingTask task, boolean stored) {
    if (!stored || task.kind != TaskSpec.Kind.TASK || task.generator != null) {
      return task.lineage; // a re-run keeps the lineage it came from
    }
    return task.lineage != null ? task.lineage : new Lineage(task);
  }

  /** The input at {@code position} if someone here still holds it, else null. */
  ObjectEntry input(int position) {
    WeakReference<ObjectEntry> input = inputs[position];
    return input == null ? null : input.get();
  }

  /** A run of the lineage: the entries it completes, and whether the caller must start it. */
  record Run(ObjectEntry[] returns, boolean isNew) {}

  /**
   * The run under way, or a new one if a run is left ({@code maxRetries} counts the runs after
   * the first); null if none is. A new run gives every return entry a new location to come:
   * those still held, and new ones for returns nobody holds any more (a run makes them all).
   */
  synchronized Run startRun(ObjectManager objects) {
    if (running != null) {
      return new Run(running, false);
    }
    if (options.maxRetries >= 0 && attempts > options.maxRetries) {
      return null;
    }
    attempts++;
    ObjectEntry[] entries = new ObjectEntry[returns.length];
    for (int i = 0; i < entries.length; i++) {
      ObjectEntry entry = returns[i].get();
      if (entry == null) {
        entry = objects.owned(ObjectId.of(taskId, i));
        returns[i] = new WeakReference<>(entry);
      } else if (entry.location.isDone()) {
        entry.location = new java.util.concurrent.CompletableFuture<>();
      }
      entries[i] = entry;
    }
    running = entries;
    return new Run(entries, true);
  }

  /** The run under way ended (its returns are complete, or failed). */
  synchronized void runEnded() {
    running = null;
  }

  /** Runs so far, the first one's retries included. */
  synchronized int attempts() {
    return attempts;
  }

  @Override
  public String toString() {
    return "Lineage{" + name + " " + taskId + "}";
  }
}
