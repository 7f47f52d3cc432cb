package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.cache.affinity.Affinity;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.WaitResult;

/**
 * {@code locality_1mb_tasks_window_N} (no Ray counterpart): tasks whose one input is a 1 MiB
 * object living on one of the three nodes; each task reads all of it and returns a checksum. The
 * inputs, {@value #INPUTS_PER_NODE} per node, are made by tasks pinned to each node (so they are
 * stored there), and the tasks cycle over them with N in flight: 6 (one per CPU of the cluster)
 * or 48 (eight per CPU, a deep pipeline, as when a program submits a batch and then gets it).
 * Ours: the DEFAULT scheduler, which should send each task where its input is. Raw: the same
 * inputs in a raw Ignite cache, each on its node, read by {@code affinityCall} to the key (the
 * job reads the value locally). Another
 * side, random placement ({@code setNodeAffinity} to a random node, hard), shows what ignoring
 * locality costs. Ours and random placement count the bytes nodes fetched from each other
 * ({@code RayState.bytesFetchedByNode}); the least any placement must move is 0.
 */
final class LocalityBenchmark implements Benchmark {
  static final int INPUTS_PER_NODE = 48;
  private static final String RAW_CACHE_PREFIX = "bench-raw-locality-";

  private final int window;
  /**
   * A cache of its own per benchmark: a cache re-created under a destroyed one's name could be
   * seen with the old one's affinity by a worker's job ("key 64 is not primary on the node its
   * affinityCall ran on", once in a run of both windows).
   */
  private final String rawCache;

  /** The benchmark with {@code window} tasks in flight. */
  LocalityBenchmark(int window) {
    this.window = window;
    this.rawCache = RAW_CACHE_PREFIX + window;
  }

  @Override
  public String name() {
    return "locality_1mb_tasks_window_" + window;
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(1.0).andBytesMovedAtMost(1.1);
  }

  @Override
  public Set<Mode> modes() {
    return EnumSet.of(Mode.THREE_JVMS);
  }

  @Override
  public String note() {
    return "raw moves 0 B by construction: affinityCall runs each job on its key's primary node, "
        + "which reads the value there";
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    List<Input> inputs = makeInputs(cluster);
    return new Consumers(inputs, window, input -> Ray.task(LocalityWork::checksum, input.ref).remote());
  }

  @Override
  public LinkedHashMap<String, Workload> others(ClusterUnderTest cluster) {
    List<Input> inputs = makeInputs(cluster); // inputs of its own: no copies fetched by the other side
    List<NodeId> nodes = cluster.nodes();
    Random random = new Random(42);
    LinkedHashMap<String, Workload> others = new LinkedHashMap<>();
    others.put("random placement", new Consumers(inputs, window,
        input -> Ray.task(LocalityWork::checksum, input.ref)
            .setNodeAffinity(nodes.get(random.nextInt(nodes.size())), false).remote()));
    return others;
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    Ignite ignite = cluster.ignite();
    ignite.getOrCreateCache(RawObjectCache.configuration(rawCache));
    Affinity<Long> affinity = ignite.affinity(rawCache);
    List<NodeId> nodes = cluster.nodes();
    long[][] keys = new long[nodes.size()][INPUTS_PER_NODE];
    int[] found = new int[nodes.size()];
    for (long candidate = 0, placed = 0; placed < (long) nodes.size() * INPUTS_PER_NODE; candidate++) {
      int node = nodes.indexOf(NodeId.of(affinity.mapKeyToNode(candidate).id()));
      if (node >= 0 && found[node] < INPUTS_PER_NODE) {
        keys[node][found[node]++] = candidate;
        placed++;
      }
    }
    IgniteCompute compute = ignite.compute();
    List<long[]> inputs = new ArrayList<>(); // {key, expected checksum}, nodes interleaved
    for (int i = 0; i < INPUTS_PER_NODE; i++) {
      for (int node = 0; node < nodes.size(); node++) {
        int index = inputs.size();
        compute.affinityRun(rawCache, keys[node][i], new LocalityWork.PutInput(rawCache, keys[node][i], index));
        inputs.add(new long[] {keys[node][i], LocalityWork.checksum(LocalityWork.input(index))});
      }
    }
    return new Workload() {
      private final InFlightWindow<RawPending> inFlight = new InFlightWindow<>(window, this::submit,
          pending -> LocalityWork.check(pending.future.get(), pending.expected));
      private int next;

      private RawPending submit() {
        long[] input = inputs.get(next++ % inputs.size());
        return new RawPending(compute.affinityCallAsync(rawCache, input[0],
            new LocalityWork.ChecksumOfLocal(rawCache, input[0])), input[1]);
      }

      @Override
      public long step() {
        return inFlight.step();
      }

      @Override
      public long finish() {
        return inFlight.finish();
      }

      @Override
      public void close() {
        ignite.destroyCache(rawCache);
      }
    };
  }

  /**
   * {@value #INPUTS_PER_NODE} inputs on each node, made there by tasks pinned to it, nodes
   * interleaved; waited for without fetching them here.
   */
  private static List<Input> makeInputs(ClusterUnderTest cluster) {
    List<NodeId> nodes = cluster.nodes();
    List<Input> inputs = new ArrayList<>();
    for (int i = 0; i < INPUTS_PER_NODE; i++) {
      for (NodeId node : nodes) {
        int index = inputs.size();
        ObjectRef<byte[]> ref = Ray.task(LocalityWork::input, index).setNodeAffinity(node, false).remote();
        inputs.add(new Input(ref, LocalityWork.checksum(LocalityWork.input(index))));
      }
    }
    List<ObjectRef<byte[]>> refs = inputs.stream().map(Input::ref).toList();
    WaitResult<byte[]> made = Ray.wait(refs, refs.size(), TimeUnit.SECONDS.toMillis(60), false);
    if (made.getReady().size() != refs.size()) {
      throw new IllegalStateException("only " + made.getReady().size() + " of " + refs.size()
          + " inputs were made within 60 s");
    }
    Ray.get(Ray.task(LocalityWork::checksum, inputs.get(0).ref).setNodeAffinity(nodes.get(0), false)
        .remote()); // fails here, not in a timed run, if inputs cannot be read
    return inputs;
  }

  /** An input on some node and the checksum a consumer of it must return. */
  private record Input(ObjectRef<byte[]> ref, long expected) {}

  private record Pending(ObjectRef<Long> ref, long expected) {}

  private record RawPending(IgniteFuture<Long> future, long expected) {}

  /** Consumer tasks cycling over the inputs, {@code size} in flight; counts bytes fetched. */
  private static final class Consumers implements Workload {
    private final List<Input> inputs;
    private final InFlightWindow<Pending> window;
    private int next;

    Consumers(List<Input> inputs, int size, Function<Input, ObjectRef<Long>> submit) {
      this.inputs = inputs;
      this.window = new InFlightWindow<>(size, () -> {
        Input input = this.inputs.get(next++ % this.inputs.size());
        return new Pending(submit.apply(input), input.expected);
      }, pending -> LocalityWork.check(pending.ref.get(), pending.expected));
    }

    @Override
    public long step() {
      return window.step();
    }

    @Override
    public long finish() {
      return window.finish();
    }

    @Override
    public long bytesMoved() {
      return ClusterUnderTest.bytesFetchedSettled();
    }
  }
}
