package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ActorInfo;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * Chaos: a DAG of 2,000 tasks (stored results over several levels, nested tasks and task trees,
 * calls of restartable actors from the driver and from tasks, streaming tasks read by the driver
 * and by tasks) runs over three worker JVMs while a chaos thread here kills one of them at random
 * (SIGKILL) every few seconds and starts a fresh one in its place. Every value is computed from
 * indices, so every result is checked; with unlimited retries and restarts, and nothing that only
 * a worker holds without a way to make it again, the expected outcome is that everything succeeds.
 * (A put made here, on the driver, which is never killed, should qualify too; it does not yet:
 * see {@link PutRebalanceLossTest}.)
 *
 * <p>The chaos runs in a thread of this JVM, not in a JVM of its own: the kill is the worker's
 * SIGKILL ({@link NodeProcess#kill()}), which needs nothing of the process that sends it, and the
 * thread sees the workload end and stops with it.
 *
 * <p>Default: one round of the DAG with at most 6 kills, 6 s apart on average (40 to 70 s on two
 * cores). {@code -Dray.chaos.rounds=N} runs N rounds under the same chaos;
 * {@code -Dray.chaos.maxKills=K} ends the chaos after K kills (-1: not before the workload ends);
 * {@code -Dray.chaos.killEveryMs=M} sets the mean time between kills (default 6000);
 * {@code -Dray.chaos.workMs=W} how long a unit of simulated work takes (default 150);
 * {@code -Dray.chaos.seed=S} repeats a run's choices of victims and pauses. A long run, e.g.:
 * {@code -Dray.chaos.rounds=5 -Dray.chaos.maxKills=-1 -Dray.chaos.killEveryMs=4000}.
 */
@Tag("chaos")
class ChaosTest {
  private static final String ADDRESS = TestClusters.address(49610);
  private static final int WORKERS = 3;
  private static final int ROUNDS = Integer.getInteger("ray.chaos.rounds", 1);
  private static final long SEED = Long.getLong("ray.chaos.seed", System.nanoTime());
  private static final int MAX_KILLS = Integer.getInteger("ray.chaos.maxKills", 6);
  private static final int KILL_EVERY_MS = Integer.getInteger("ray.chaos.killEveryMs", 6_000);
  /** How long a unit of simulated work takes: long enough that the DAG outlasts several kills. */
  static final int WORK_MS = Integer.getInteger("ray.chaos.workMs", 150);
  /** Stored results: above the ~100 KiB inline limit, so they live on the worker that made them. */
  static final int LARGE = 160 << 10;
  private static final long ROUND_TIMEOUT_MS = TimeUnit.MINUTES.toMillis(8);

  private static final int LANES = 100;
  private static final int FAN_OUT = 4;
  private static final int TREES = 12;
  private static final int TREE_DEPTH = 3;
  private static final int TREE_BRANCHES = 3;
  private static final int STREAM_LENGTH = 10;
  private static final int ACTORS = 3;
  private static final int DRIVER_ACTOR_CALLS = 320;

  private static final Path LOGS = Path.of("target", "chaos");
  private static Chaos chaos;

  @BeforeAll
  static void start() throws IOException {
    if (Files.isDirectory(LOGS)) {
      try (java.util.stream.Stream<Path> old = Files.list(LOGS)) {
        for (Path file : old.toList()) {
          Files.delete(file);
        }
      }
    }
    Files.createDirectories(LOGS);
    System.out.println("ChaosTest seed " + SEED + " (-Dray.chaos.seed=" + SEED + " repeats it)");
    chaos = new Chaos(new Random(SEED));
    chaos.startWorkers();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 0.0))
        .objectStoreMemoryBytes(256L << 20).build());
    MultiJvmTest.awaitNodes(WORKERS + 1);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    if (chaos != null) {
      chaos.halt();
      TestClusters.shutdown(chaos.everyWorker().toArray(new NodeProcess[0]));
      for (NodeProcess worker : chaos.everyWorker()) {
        assertFalse(worker.isAlive(), "worker " + worker.pid() + " is still running");
      }
    } else {
      Ray.shutdown();
    }
  }

  // ---- the workload: functions of indices only ----

  /** Simulated work that a kill can interrupt halfway. */
  static void work(int millis) throws InterruptedException {
    Thread.sleep(millis);
  }

  /** {@value #LARGE} bytes that depend on {@code seed} only. */
  static byte[] pattern(long seed) {
    byte[] bytes = new byte[LARGE];
    long x = seed * 0x9E3779B97F4A7C15L + 1;
    for (int i = 0; i < bytes.length; i += 8) {
      x ^= x << 13;
      x ^= x >>> 7;
      x ^= x << 17;
      for (int j = 0; j < 8 && i + j < bytes.length; j++) {
        bytes[i + j] = (byte) (x >>> (8 * j));
      }
    }
    return bytes;
  }

  /** Level 1 of the data DAG: a stored result. */
  static byte[] source(int round, int lane) throws InterruptedException {
    work(WORK_MS);
    return pattern(round * 1_000_003L + lane);
  }

  /** Level 2: mixes two level-1 results (its own lane's and the next one's); stored. */
  static byte[] mix(int lane, byte[] mine, byte[] next) throws InterruptedException {
    work(WORK_MS);
    byte[] mixed = new byte[LARGE];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = (byte) (mine[i] * 31 + next[i] + lane);
    }
    return mixed;
  }

  /** Level 3: a small digest of a level-2 result (travels inline). */
  static long digest(byte[] bytes) throws InterruptedException {
    work(WORK_MS / 3);
    long hash = 1125899906842597L;
    for (byte b : bytes) {
      hash = 31 * hash + b;
    }
    return hash;
  }

  /** Reads an object the driver put (or passed by value: see runRound). */
  static long withPut(int lane, byte[] put) throws InterruptedException {
    work(WORK_MS);
    return put[lane * 997 % put.length] * 1_000L + lane + put.length;
  }

  static long leaf(int lane, int k) throws InterruptedException {
    work(WORK_MS);
    return lane * 100L + k * k;
  }

  /** Element {@code j} of stream {@code id}. */
  static int element(int id, int j) {
    return id * 1_000 + j * 7;
  }

  /** A streaming task: {@code length} small elements, each a little work. */
  static Iterator<Integer> sequence(int id, int length) {
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < length;
      }

      @Override
      public Integer next() {
        if (next >= length) {
          throw new NoSuchElementException();
        }
        try {
          work(WORK_MS / 5);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted", e);
        }
        return element(id, next++);
      }
    };
  }

  /**
   * A nested task: {@value #FAN_OUT} child tasks, a call of an actor it was given and a stream it
   * reads, all made from inside this task (on a worker that may die under it).
   */
  static long fanOut(int lane, ActorHandle<Scaler> scaler) {
    List<ObjectRef<Long>> children = new ArrayList<>();
    for (int k = 0; k < FAN_OUT; k++) {
      children.add(Ray.task(ChaosTest::leaf, lane, k).setMaxRetries(-1).remote());
    }
    ObjectRef<Long> scaled = scaler.task(Scaler::scale, lane).remote();
    ObjectRefGenerator<Integer> stream = Ray.task(ChaosTest::sequence, 10_000 + lane, STREAM_LENGTH / 2)
        .setMaxRetries(-1).streaming().remote();
    long sum = 0;
    for (long child : Ray.get(children)) {
      sum += child;
    }
    sum += scaled.get();
    for (ObjectRef<Integer> element : stream) {
      sum += element.get();
    }
    return sum;
  }

  static long expectedFanOut(int lane, int factor) {
    long sum = 0;
    for (int k = 0; k < FAN_OUT; k++) {
      sum += lane * 100L + k * k;
    }
    sum += (long) lane * factor;
    for (int j = 0; j < STREAM_LENGTH / 2; j++) {
      sum += element(10_000 + lane, j);
    }
    return sum;
  }

  /** A tree of nested tasks: each inner node submits its children and sums what they return. */
  static long tree(int depth, long id) throws InterruptedException {
    if (depth == 0) {
      work(WORK_MS);
      return id * 3 + 1;
    }
    List<ObjectRef<Long>> children = new ArrayList<>();
    for (int k = 0; k < TREE_BRANCHES; k++) {
      children.add(Ray.task(ChaosTest::tree, depth - 1, id * TREE_BRANCHES + k).setMaxRetries(-1).remote());
    }
    long sum = id;
    for (long child : Ray.get(children)) {
      sum += child;
    }
    return sum;
  }

  static long expectedTree(int depth, long id) {
    if (depth == 0) {
      return id * 3 + 1;
    }
    long sum = id;
    for (int k = 0; k < TREE_BRANCHES; k++) {
      sum += expectedTree(depth - 1, id * TREE_BRANCHES + k);
    }
    return sum;
  }

  static int treeSize(int depth) {
    return depth == 0 ? 1 : 1 + TREE_BRANCHES * treeSize(depth - 1);
  }

  /** An actor whose calls are pure functions of their arguments: a restart loses nothing. */
  public static final class Scaler {
    private final int factor;

    public Scaler(int factor) {
      this.factor = factor;
    }

    public long scale(int value) throws InterruptedException {
      work(WORK_MS / 3);
      return (long) value * factor;
    }
  }

  // ---- the test ----

  @Test
  void everyResultIsRightWhileWorkersAreKilledAndReplaced() throws Exception {
    chaos.begin();
    long started = System.nanoTime();
    Tally tally = new Tally();
    try {
      for (int round = 0; round < ROUNDS; round++) {
        runRound(round, tally);
      }
    } catch (Throwable failure) {
      chaos.halt();
      dumpWorkers("failure");
      throw failure;
    }
    chaos.halt();
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
    Map<String, Long> retriedByName = new TreeMap<>();
    long retried = 0;
    Set<TaskId> ours = tally.driverTasks;
    for (TaskInfo task : RayState.listTasks()) {
      if (ours.contains(task.getTaskId()) && task.getAttempts() > 1) {
        retried++;
        retriedByName.merge(task.getName(), 1L, Long::sum);
      }
    }
    List<Integer> restarts = Ray.getRuntimeContext().getAllActorInfo().stream()
        .filter(info -> tally.actors.contains(info.getActorId().toString()))
        .map(ActorInfo::getNumRestarts).toList();
    System.out.println("ChaosTest: " + ROUNDS + " round(s), " + tally.tasks.get() + " tasks and calls, "
        + tally.checked.get() + " results checked in " + seconds + " s; " + chaos.kills()
        + " workers killed and replaced; driver's tasks that ran more than once: " + retried + " "
        + retriedByName + "; restarts of each actor: " + restarts + "; seed " + SEED);
    assertTrue(chaos.kills() >= 1, "no worker was killed while the workload ran");
  }

  /** What one run did, for the summary. */
  private static final class Tally {
    final AtomicInteger tasks = new AtomicInteger();
    final AtomicInteger checked = new AtomicInteger();
    final Set<TaskId> driverTasks = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final Set<String> actors = java.util.concurrent.ConcurrentHashMap.newKeySet();

    <T> ObjectRef<T> track(ObjectRef<T> ref, int tasksBehind) {
      driverTasks.add(ref.getId().getTaskId());
      tasks.addAndGet(tasksBehind);
      return ref;
    }
  }

  private void runRound(int round, Tally tally) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(ROUND_TIMEOUT_MS);
    List<ActorHandle<Scaler>> scalers = new ArrayList<>();
    for (int a = 0; a < ACTORS; a++) {
      ActorHandle<Scaler> scaler = Ray.actor(Scaler::new, a + 2).setMaxRestarts(-1)
          .setMaxTaskRetries(-1).remote();
      scalers.add(scaler);
      tally.actors.add(scaler.getId().toString());
    }
    byte[] putValue = pattern(-1 - round);
    // Put once on the driver, which is never killed: it stays there while workers come and go
    // (PutRebalanceLossTest), so the tasks reading it never find it lost.
    ObjectRef<byte[]> put = Ray.put(putValue);

    // The data DAG: level 1 is dropped once level 2 is submitted, so a lost level 2 must make
    // its freed inputs again.
    List<ObjectRef<byte[]>> sources = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      sources.add(tally.track(Ray.task(ChaosTest::source, round, lane).setMaxRetries(-1).remote(), 1));
    }
    List<ObjectRef<byte[]>> mixes = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      mixes.add(tally.track(Ray.task(ChaosTest::mix, lane, sources.get(lane),
          sources.get((lane + 1) % LANES)).setMaxRetries(-1).remote(), 1));
    }
    sources.clear();
    List<ObjectRef<Long>> digests = new ArrayList<>();
    List<ObjectRef<Long>> puts = new ArrayList<>();
    List<ObjectRef<Long>> fanOuts = new ArrayList<>();
    List<ObjectRefGenerator<Integer>> streams = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      digests.add(tally.track(Ray.task(ChaosTest::digest, mixes.get(lane)).setMaxRetries(-1).remote(), 1));
      puts.add(tally.track(Ray.task(ChaosTest::withPut, lane, put).setMaxRetries(-1).remote(), 1));
      // the parent, its children, its actor call and its stream
      fanOuts.add(tally.track(Ray.task(ChaosTest::fanOut, lane, scalers.get(lane % ACTORS))
          .setMaxRetries(-1).remote(), 1 + FAN_OUT + 2));
      streams.add(Ray.task(ChaosTest::sequence, lane, STREAM_LENGTH).setMaxRetries(-1).streaming().remote());
      tally.tasks.incrementAndGet();
    }
    List<ObjectRef<Long>> trees = new ArrayList<>();
    for (int t = 0; t < TREES; t++) {
      trees.add(tally.track(Ray.task(ChaosTest::tree, TREE_DEPTH, (long) round * TREES + t)
          .setMaxRetries(-1).remote(), treeSize(TREE_DEPTH)));
    }
    List<ObjectRef<Long>> calls = new ArrayList<>();
    for (int i = 0; i < DRIVER_ACTOR_CALLS; i++) {
      calls.add(tally.track(scalers.get(i % ACTORS).task(Scaler::scale, i).remote(), 1));
    }

    // Check everything, the lost and rebuilt large results first.
    for (int lane = 0; lane < LANES; lane++) {
      byte[] expected = expectedMix(round, lane);
      assertArrayEquals(expected, get(mixes.get(lane), deadline, "mix " + lane), "mix " + lane);
      assertEquals(digestOf(expected), get(digests.get(lane), deadline, "digest " + lane), "digest " + lane);
      tally.checked.addAndGet(2);
    }
    for (int lane = 0; lane < LANES; lane++) {
      assertEquals(putValue[lane * 997 % putValue.length] * 1_000L + lane + putValue.length,
          get(puts.get(lane), deadline, "withPut " + lane), "withPut " + lane);
      assertEquals(expectedFanOut(lane, lane % ACTORS + 2), get(fanOuts.get(lane), deadline, "fanOut " + lane),
          "fanOut " + lane);
      tally.checked.addAndGet(2);
    }
    for (int lane = 0; lane < LANES; lane++) {
      int j = 0;
      for (ObjectRef<Integer> element : streams.get(lane)) {
        assertEquals(element(lane, j), get(element, deadline, "stream " + lane + " element " + j),
            "stream " + lane + " element " + j);
        j++;
      }
      assertEquals(STREAM_LENGTH, j, "stream " + lane + " length");
      tally.checked.incrementAndGet();
    }
    for (int t = 0; t < TREES; t++) {
      assertEquals(expectedTree(TREE_DEPTH, (long) round * TREES + t), get(trees.get(t), deadline, "tree " + t),
          "tree " + t);
      tally.checked.incrementAndGet();
    }
    for (int i = 0; i < DRIVER_ACTOR_CALLS; i++) {
      assertEquals((long) i * (i % ACTORS + 2), get(calls.get(i), deadline, "actor call " + i), "actor call " + i);
      tally.checked.incrementAndGet();
    }
    for (ActorHandle<Scaler> scaler : scalers) {
      scaler.kill();
    }
  }

  private static byte[] expectedMix(int round, int lane) {
    byte[] mine = pattern(round * 1_000_003L + lane);
    byte[] next = pattern(round * 1_000_003L + (lane + 1) % LANES);
    byte[] mixed = new byte[LARGE];
    for (int i = 0; i < mixed.length; i++) {
      mixed[i] = (byte) (mine[i] * 31 + next[i] + lane);
    }
    return mixed;
  }

  private static long digestOf(byte[] bytes) {
    long hash = 1125899906842597L;
    for (byte b : bytes) {
      hash = 31 * hash + b;
    }
    return hash;
  }

  /** The value of {@code ref}, waiting at most until {@code deadline}; a failure names {@code what}. */
  private static <T> T get(ObjectRef<T> ref, long deadline, String what) {
    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    try {
      return ref.get(Math.max(1, left));
    } catch (RayException e) {
      throw new AssertionError(what + " (" + ref.getId() + ") failed after " + chaos.kills()
          + " kills: " + e, e);
    }
  }

  /** Thread dumps of the live workers (and this JVM) into target/chaos, as evidence of a hang. */
  private static void dumpWorkers(String label) {
    try {
      StringBuilder dump = new StringBuilder();
      for (Map.Entry<Thread, StackTraceElement[]> thread : Thread.getAllStackTraces().entrySet()) {
        dump.append('"').append(thread.getKey().getName()).append("\" ").append(thread.getKey().getState())
            .append('\n');
        for (StackTraceElement frame : thread.getValue()) {
          dump.append("    at ").append(frame).append('\n');
        }
      }
      Files.writeString(LOGS.resolve(label + "-driver-threads.txt"), dump, StandardCharsets.UTF_8);
      for (NodeProcess worker : chaos.everyWorker()) {
        if (worker.isAlive()) {
          Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
              String.valueOf(worker.pid()), "Thread.print")
              .redirectOutput(LOGS.resolve(label + "-worker-" + worker.pid() + "-threads.txt").toFile())
              .redirectErrorStream(true).start();
          jcmd.waitFor(30, TimeUnit.SECONDS);
        }
      }
      Files.writeString(LOGS.resolve(label + "-tasks.txt"), RayState.listTasks().stream()
          .filter(t -> t.getState() != org.rayonignite.state.TaskState.FINISHED)
          .map(TaskInfo::toString).collect(Collectors.joining("\n")), StandardCharsets.UTF_8);
    } catch (IOException | RuntimeException e) {
      System.out.println("ChaosTest: could not dump the workers: " + e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * The chaos: keeps {@value #WORKERS} worker slots; every few seconds kills the worker of a random
   * slot (SIGKILL) and starts a fresh one in it.
   */
  private static final class Chaos {
    private final Random random;
    private final NodeProcess[] slots = new NodeProcess[WORKERS];
    private final List<NodeProcess> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger kills = new AtomicInteger();
    private final AtomicInteger generation = new AtomicInteger();
    private volatile boolean halted;
    private Thread thread;

    Chaos(Random random) {
      this.random = random;
    }

    void startWorkers() {
      List<NodeProcess.Builder> builders = new ArrayList<>();
      for (int slot = 0; slot < WORKERS; slot++) {
        builders.add(builder());
      }
      List<NodeProcess> workers = NodeProcess.Builder.startAll(builders);
      started.addAll(workers);
      workers.toArray(slots);
    }

    private NodeProcess.Builder builder() {
      return TestClusters.worker(ADDRESS, "--resources", "CPU=4")
          .logFile(LOGS.resolve("worker-" + generation.getAndIncrement() + ".log"));
    }

    void begin() {
      thread = new Thread(this::run, "chaos");
      thread.setDaemon(true);
      thread.start();
    }

    private void run() {
      try {
        long lastKill = System.nanoTime();
        while (!halted && (MAX_KILLS < 0 || kills.get() < MAX_KILLS)) {
          // The kill cadence is the behaviour under test, not a stand-in for synchronisation:
          // the next kill comes 0.5..1.5 times the mean after the last one (or once its
          // replacement is up, if starting it took longer).
          long next = lastKill + TimeUnit.MILLISECONDS.toNanos(KILL_EVERY_MS / 2 + random.nextInt(KILL_EVERY_MS));
          long pause = next - System.nanoTime();
          if (pause > 0) {
            TimeUnit.NANOSECONDS.sleep(pause);
          }
          if (halted) {
            return;
          }
          lastKill = System.nanoTime();
          int slot = random.nextInt(WORKERS);
          NodeProcess victim = slots[slot];
          victim.kill();
          kills.incrementAndGet();
          System.out.println("ChaosTest: killed worker " + victim.pid() + " (node " + victim.nodeId()
              + ") at " + java.time.LocalTime.now());
          if (halted) {
            return;
          }
          NodeProcess fresh = builder().start();
          started.add(fresh);
          slots[slot] = fresh;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        if (halted) {
          return; // interrupted while starting a replacement: the workload is over
        }
        System.out.println("ChaosTest: the chaos thread failed: " + e);
        e.printStackTrace(System.out);
      }
    }

    /** Stops killing; returns once the chaos thread is done. */
    void halt() throws InterruptedException {
      halted = true;
      if (thread != null) {
        thread.interrupt();
        thread.join(TimeUnit.SECONDS.toMillis(90));
      }
    }

    int kills() {
      return kills.get();
    }

    List<NodeProcess> everyWorker() {
      return started;
    }
  }
}
