package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.config.RayConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The worker JVMs this node runs for runtime envs with environment variables or JVM options,
 * which a JVM cannot give itself: one per distinct (variables, options), started when work with
 * that env first runs here, reused, stopped when idle for {@link #IDLE_TIMEOUT_PROPERTY} (default
 * 60 s) and when this node stops.
 *
 * <p>Design: a worker joins the cluster as an Ignite client node with Ray initialized, rather
 * than talking to this node over a private socket: work in it then uses the whole API (nested
 * tasks, {@code get}, actors, named actors), its actors are reached by callers directly like any
 * node's, and nothing here re-implements the object store or messaging. This node stays the one
 * the owner sent the work to: it holds the work's resources, sends the spec to the worker on a
 * topic of its own and waits (on the task's thread) for the worker's result, which it passes on
 * to the owner; cancels and streaming acknowledgements for the work are forwarded to the worker.
 * A worker starts in a few seconds (an Ignite client join); that cost is paid once per env and
 * node. Idle = no work of this node running in it and none of the actors created in it alive.
 */
final class EnvWorkerPool {
  private static final Logger LOG = LoggerFactory.getLogger(EnvWorkerPool.class);
  /** System property: milliseconds a worker JVM may stay idle before it is stopped. */
  static final String IDLE_TIMEOUT_PROPERTY = "ray.envWorkerIdleTimeoutMs";
  private static final long START_TIMEOUT_SECONDS = 120;

  private record Key(Map<String, String> envVars, List<String> jvmOptions) {}

  /** A worker JVM and what this node runs in it. */
  private static final class Worker {
    final Key key;
    final EnvWorkerProcess process;
    /** Work running in it; guarded by this. */
    int running;
    /** When it last became idle (System.nanoTime); guarded by this. */
    long idleSince = System.nanoTime();
    /** Stopped or stopping: takes no more work; guarded by this. */
    boolean retired;
    /** Actors created in it, with their creation (resources held for an actor's life). */
    final Map<ActorId, TaskSpec> actors = new ConcurrentHashMap<>();

    Worker(Key key, EnvWorkerProcess process) {
      this.key = key;
      this.process = process;
    }
  }

  /** Work this node sent to a worker and waits for. */
  private static final class Delegated {
    final Worker worker;
    final UUID workerNode;
    final TaskSpec spec;
    final NodeExecutor executor;
    final CompletableFuture<TaskResult> result = new CompletableFuture<>();
    /** Blocked in the worker (its resources given back here), and whether it ended; guarded by this. */
    private boolean blocked;
    private boolean ended;

    Delegated(Worker worker, UUID workerNode, TaskSpec spec, NodeExecutor executor) {
      this.worker = worker;
      this.workerNode = workerNode;
      this.spec = spec;
      this.executor = executor;
    }

    /** The work blocks or resumes in the worker: its resources here follow. */
    synchronized void block(boolean now) {
      if (ended || executor == null || now == blocked) {
        return;
      }
      blocked = now;
      if (now) {
        executor.blocked(spec);
      } else {
        executor.unblocked(spec);
      }
    }

    /** The work ended: if its last resume has not come, its resources are taken back now, to be given back by its end. */
    synchronized void end() {
      if (blocked) {
        block(false);
      }
      ended = true;
    }
  }

  private final NodeRuntime runtime;
  private final long idleNanos;
  private final ConcurrentHashMap<Key, Worker> workers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<TaskId, Delegated> delegated = new ConcurrentHashMap<>();
  /** Stops idle workers; made with the first worker, stopped with the node. Guarded by this. */
  private ScheduledExecutorService reaper;
  private boolean stopped;

  EnvWorkerPool(NodeRuntime runtime) {
    this.runtime = runtime;
    this.idleNanos = TimeUnit.MILLISECONDS.toNanos(Long.getLong(IDLE_TIMEOUT_PROPERTY, 60_000));
  }

  /**
   * Runs {@code spec} in the worker JVM of its env on the calling thread's behalf: starts the
   * worker if needed, sends the spec, waits for the result. Work that cannot reach a worker ends
   * with a failed result naming why.
   */
  TaskResult run(TaskSpec spec, NodeExecutor executor) {
    Worker worker;
    UUID workerNode;
    try {
      worker = acquire(spec.env);
      workerNode = awaitReady(worker);
    } catch (RuntimeEnvException e) {
      return failed(spec, runtime.runner().envError(spec, e));
    }
    Delegated work = new Delegated(worker, workerNode, spec, executor);
    CompletableFuture<TaskResult> future = work.result;
    delegated.put(spec.taskId, work);
    try {
      runtime.sendEnvTask(workerNode, spec);
      TaskResult result = awaitUninterruptibly(future);
      if (spec.kind == TaskSpec.Kind.ACTOR_CREATION && !result.failed()) {
        worker.actors.put(spec.actorId, spec);
        if (spec.holdsResources && executor != null) {
          executor.hold(spec); // explicit resources stay held here for the actor's life
        }
      }
      return result;
    } catch (ExecutionException e) {
      RayException error = e.getCause() instanceof RayException ray ? ray
          : new RayException(e.getCause().getMessage(), e.getCause());
      return failed(spec, error);
    } finally {
      delegated.remove(spec.taskId, work);
      work.end();
      release(worker);
    }
  }

  /** Work this node sent to a worker blocked in get or wait there, or resumed. */
  void onBlock(UUID from, WireCodec.EnvBlock block) {
    Delegated waiting = delegated.get(block.taskId());
    if (waiting != null && waiting.workerNode.equals(from) && waiting.spec.attempt == block.attempt()) {
      waiting.block(block.blocked());
    }
  }

  /** The worker's result of work this node sent it. */
  void onResult(UUID from, TaskResult result) {
    Delegated waiting = delegated.get(result.taskId);
    if (waiting != null && waiting.workerNode.equals(from) && waiting.spec.attempt == result.attempt) {
      waiting.result.complete(result);
    }
  }

  /** The node a worker of ours ran in left: its running work fails, and the process is stopped. */
  void nodeLeft(UUID node) {
    for (Delegated waiting : delegated.values()) {
      if (waiting.workerNode.equals(node)) {
        waiting.result.completeExceptionally(new RayException("the " + waiting.worker.process.description()
            + " running this work left the cluster (pid " + waiting.worker.process.pid() + "); its "
            + "last output:\n" + waiting.worker.process.lastOutput()));
      }
    }
    for (Worker worker : workers.values()) {
      CompletableFuture<UUID> ready = worker.process.ready;
      if (ready.isDone() && !ready.isCompletedExceptionally() && node.equals(ready.join())) {
        retire(worker);
      }
    }
  }

  /** Forwards a cancel of work running in a worker; false if none of ours runs it. */
  boolean forwardCancel(WireCodec.Cancel cancel) {
    Delegated waiting = delegated.get(cancel.taskId());
    if (waiting == null) {
      return false;
    }
    runtime.sendCancel(waiting.workerNode, cancel);
    return true;
  }

  /** Forwards a streaming acknowledgement to the worker producing the stream; false if none does. */
  boolean forwardAck(WireCodec.GeneratorAck ack) {
    Delegated waiting = delegated.get(ack.taskId());
    if (waiting == null) {
      return false;
    }
    runtime.sendGeneratorAck(waiting.workerNode, ack);
    return true;
  }

  /** Stops every worker and fails the work waiting for them; returns once the processes are gone. */
  void shutdown() {
    ScheduledExecutorService toStop;
    synchronized (this) {
      stopped = true;
      toStop = reaper;
    }
    if (toStop != null) {
      toStop.shutdownNow();
    }
    RayException stopping = new RayException("Ray was shut down on node " + runtime.describeLocalNode());
    delegated.values().forEach(waiting -> waiting.result.completeExceptionally(stopping));
    List<Worker> all = new ArrayList<>(workers.values());
    workers.clear();
    all.forEach(this::retire);
    if (toStop != null) {
      try {
        toStop.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** A worker of the env that takes the work, started if there is none; its running count is taken. */
  private Worker acquire(RuntimeEnv env) throws RuntimeEnvException {
    Key key = new Key(env.getEnvVars(), env.getJvmOptions());
    while (true) {
      Worker worker = workers.get(key);
      if (worker == null) {
        worker = startWorker(key);
      }
      synchronized (worker) {
        if (!worker.retired) {
          worker.running++;
          return worker;
        }
      }
      workers.remove(key, worker); // retired meanwhile: start another
    }
  }

  private Worker startWorker(Key key) throws RuntimeEnvException {
    synchronized (this) {
      if (stopped) {
        throw new RuntimeEnvException("the node is stopping");
      }
      Worker existing = workers.get(key);
      if (existing != null) {
        return existing;
      }
      checkOptions(key.jvmOptions());
      Worker worker = new Worker(key, EnvWorkerProcess.start(key.envVars(), key.jvmOptions(),
          settings(), process -> exited(key)));
      workers.put(key, worker);
      if (reaper == null) {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1,
            new DaemonThreads("ray-env-workers-" + runtime.localNodeId().toString().substring(0, 8)));
        long period = Math.max(TimeUnit.NANOSECONDS.toMillis(idleNanos) / 4, 50);
        scheduler.scheduleWithFixedDelay(this::stopIdle, period, period, TimeUnit.MILLISECONDS);
        reaper = scheduler;
      }
      LOG.debug("Started {} (pid {})", worker.process.description(), worker.process.pid());
      return worker;
    }
  }

  private UUID awaitReady(Worker worker) throws RuntimeEnvException {
    try {
      return worker.process.ready.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      release(worker);
      throw e.getCause() instanceof RuntimeEnvException env ? env
          : new RuntimeEnvException(e.getCause().toString(), e.getCause());
    } catch (TimeoutException e) {
      release(worker);
      retire(worker);
      throw new RuntimeEnvException("the " + worker.process.description() + " did not start within "
          + START_TIMEOUT_SECONDS + " s; its output:\n" + worker.process.lastOutput());
    } catch (InterruptedException e) {
      release(worker);
      Thread.currentThread().interrupt();
      throw new RuntimeEnvException("interrupted while the " + worker.process.description() + " started");
    }
  }

  private void release(Worker worker) {
    synchronized (worker) {
      if (--worker.running == 0) {
        worker.idleSince = System.nanoTime();
      }
    }
  }

  /** The process of the worker of {@code key} exited: forget it (its running work fails by its node's departure). */
  private void exited(Key key) {
    Worker worker = workers.get(key);
    if (worker != null && !worker.process.isAlive()) {
      workers.remove(key, worker);
      synchronized (worker) {
        worker.retired = true;
      }
      releaseActors(worker);
    }
  }

  /** Stops the workers idle for longer than the timeout (run by the reaper). */
  private void stopIdle() {
    long now = System.nanoTime();
    for (Worker worker : workers.values()) {
      releaseActors(worker);
      boolean idle;
      synchronized (worker) {
        idle = worker.running == 0 && worker.actors.isEmpty() && now - worker.idleSince > idleNanos
            && !worker.retired;
        if (idle) {
          worker.retired = true;
        }
      }
      if (idle) {
        workers.remove(worker.key, worker);
        LOG.debug("Stopping idle {} (pid {})", worker.process.description(), worker.process.pid());
        retire(worker);
      }
    }
  }

  /** Forgets the dead actors of a worker, giving back the resources they held here. */
  private void releaseActors(Worker worker) {
    for (Map.Entry<ActorId, TaskSpec> actor : worker.actors.entrySet()) {
      ActorRecord record = runtime.actors().record(actor.getKey());
      if ((record == null || record.isDead() || !worker.process.isAlive())
          && worker.actors.remove(actor.getKey(), actor.getValue())) {
        if (actor.getValue().holdsResources) {
          runtime.executor().unhold(actor.getValue());
        }
        synchronized (worker) {
          worker.idleSince = System.nanoTime();
        }
      }
    }
  }

  private void retire(Worker worker) {
    synchronized (worker) {
      worker.retired = true;
    }
    worker.process.stop();
    releaseActors(worker);
  }

  private static void checkOptions(List<String> jvmOptions) throws RuntimeEnvException {
    for (String option : jvmOptions) {
      if (!option.startsWith("-")) {
        throw new RuntimeEnvException("JVM option \"" + option + "\" does not start with '-'");
      }
      if (List.of("-cp", "-classpath", "--class-path", "-jar", "-m", "--module").contains(option)) {
        throw new RuntimeEnvException("JVM option \"" + option + "\" cannot be used: the worker JVM "
            + "runs this node's class path; add jars to the runtime env instead");
      }
    }
  }

  /** What the worker reads on its stdin: how to join this node's cluster, and as whose worker. */
  private Properties settings() throws RuntimeEnvException {
    if (!(runtime.ignite().configuration().getDiscoverySpi() instanceof TcpDiscoverySpi)) {
      throw new RuntimeEnvException("environment variables and JVM options need a worker JVM that "
          + "joins this node's cluster, and this node has no discovery port (an embedded Ray.init() "
          + "without an address): start Ray with RayConfig.address, e.g. 127.0.0.1:47500..47509");
    }
    RayConfig config = runtime.config();
    Properties settings = new Properties();
    settings.setProperty(EnvWorkerMain.PARENT, runtime.localNodeId().toString());
    settings.setProperty(EnvWorkerMain.ADDRESS, runtime.address());
    settings.setProperty(EnvWorkerMain.NAMESPACE, config.getNamespace());
    if (config.getWorkDirectory() != null) {
      settings.setProperty(EnvWorkerMain.WORK_DIRECTORY, config.getWorkDirectory());
    }
    settings.setProperty(EnvWorkerMain.ALLOW_LIST, String.join("\n", config.getDeserializationAllowList()));
    settings.setProperty(EnvWorkerMain.DENY_LIST, String.join("\n", config.getDeserializationDenyList()));
    RayConfig.Tls tls = config.getTls();
    if (tls != null) {
      String[] values = {tls.getKeyStore(), tls.getKeyStorePassword(), tls.getTrustStore(),
          tls.getTrustStorePassword()};
      for (int i = 0; i < values.length; i++) {
        settings.setProperty(EnvWorkerMain.TLS[i], values[i]);
      }
    }
    return settings;
  }

  private TaskResult failed(TaskSpec spec, RayException error) {
    return new TaskResult(spec.taskId, spec.attempt, runtime.localNodeId(), null,
        runtime.objects().serializeError(error), error.getClass().getName());
  }

  private static TaskResult awaitUninterruptibly(CompletableFuture<TaskResult> future)
      throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true; // a cancel: forwarded to the worker, whose result says so
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
