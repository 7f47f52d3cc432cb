package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.IgniteException;
import org.apache.ignite.Ignition;
import org.apache.ignite.cluster.ClusterNode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.apache.ignite.configuration.DataStorageConfiguration;
import org.apache.ignite.configuration.IgniteConfiguration;
import org.apache.ignite.events.DiscoveryEvent;
import org.apache.ignite.events.EventType;
import org.apache.ignite.lang.IgnitePredicate;
import org.apache.ignite.lifecycle.LifecycleBean;
import org.apache.ignite.spi.discovery.DiscoverySpi;
import org.apache.ignite.spi.communication.tcp.TcpCommunicationSpi;
import org.apache.ignite.spi.discovery.tcp.TcpDiscoverySpi;
import org.rayonignite.RayLifecycleBean;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.RuntimeContext;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.WaitResult;
import org.rayonignite.api.actor.ActorCreator;
import org.rayonignite.api.call.TaskCaller;
import org.rayonignite.api.call.VoidTaskCaller;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.exception.TaskCancelledException;
import org.rayonignite.api.function.RayFunc;
import org.rayonignite.config.NodeAttributes;
import org.rayonignite.config.NodeConfigurations;
import org.rayonignite.config.RayConfig;
import org.rayonignite.objectstore.DeserializationFilter;
import org.rayonignite.objectstore.ObjectSerializer;
import org.rayonignite.objectstore.ObjectStore;
import org.rayonignite.state.TaskInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ray runtime of one Ignite node: it submits tasks and owns their results, runs the tasks
 * sent to this node, and serves this node's objects. Every node of a cluster runs one; there is
 * no head node. Several may share a JVM (one per Ignite node), so nothing here is static but the
 * lookup of the runtime of the task the calling thread runs.
 *
 * <p>Not part of the API: applications use {@code org.rayonignite.Ray}.
 */
public final class NodeRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(NodeRuntime.class);

  private static final ClusterMessenger.Topic<TaskSpec> TASKS = new ClusterMessenger.Topic<>(
      "ray.tasks", WireCodec::writeTask, WireCodec::readTask, spec -> spec.deployClass);
  private static final ClusterMessenger.Topic<TaskResult> RESULTS = new ClusterMessenger.Topic<>(
      "ray.results", WireCodec::writeResult, WireCodec::readResult, null);
  private static final ClusterMessenger.Topic<ObjectId> OBJECT_REQUESTS = new ClusterMessenger.Topic<>(
      "ray.object-requests", WireCodec::writeObjectId, WireCodec::readObjectId, null);
  /** Borrowed refs: BORROW and RELEASE to owners, ACK back ({@link Borrowing}). */
  private static final ClusterMessenger.Topic<WireCodec.BorrowOp> BORROW_OPS = new ClusterMessenger.Topic<>(
      "ray.borrows", WireCodec::writeBorrowOp, WireCodec::readBorrowOp, null);
  /** A reader found objects missing from the store: their owner makes them again. */
  private static final ClusterMessenger.Topic<ObjectId> OBJECTS_LOST = new ClusterMessenger.Topic<>(
      "ray.objects-lost", WireCodec::writeObjectId, WireCodec::readObjectId, null);
  private static final ClusterMessenger.Topic<WireCodec.ObjectReply> OBJECT_REPLIES =
      new ClusterMessenger.Topic<>("ray.object-replies", WireCodec::writeReply, WireCodec::readReply, null);
  private static final ClusterMessenger.Topic<WireCodec.Spill> SPILLS = new ClusterMessenger.Topic<>(
      "ray.spills", WireCodec::writeSpill, WireCodec::readSpill, null);
  private static final ClusterMessenger.Topic<TaskSpec> ACTOR_CALLS = new ClusterMessenger.Topic<>(
      "ray.actor-calls", WireCodec::writeTask, WireCodec::readTask, spec -> spec.deployClass);
  private static final ClusterMessenger.Topic<WireCodec.GeneratorItem> GENERATOR_ITEMS =
      new ClusterMessenger.Topic<>("ray.generator-items", WireCodec::writeItem, WireCodec::readItem, null);
  private static final ClusterMessenger.Topic<WireCodec.GeneratorAck> GENERATOR_ACKS =
      new ClusterMessenger.Topic<>("ray.generator-acks", WireCodec::writeAck, WireCodec::readAck, null);
  private static final ClusterMessenger.Topic<WireCodec.Cancel> CANCELS = new ClusterMessenger.Topic<>(
      "ray.cancels", WireCodec::writeCancel, WireCodec::readCancel, null);
  private static final ClusterMessenger.Topic<WireCodec.BundleOp> BUNDLE_OPS = new ClusterMessenger.Topic<>(
      "ray.bundle-ops", WireCodec::writeBundleOp, WireCodec::readBundleOp, null);
  private static final ClusterMessenger.Topic<WireCodec.BundleReply> BUNDLE_REPLIES =
      new ClusterMessenger.Topic<>("ray.bundle-replies", WireCodec::writeBundleReply,
          WireCodec::readBundleReply, null);
  private static final ClusterMessenger.Topic<WireCodec.ActorKill> ACTOR_KILLS = new ClusterMessenger.Topic<>(
      "ray.actor-kills", WireCodec::writeKill, WireCodec::readKill, null);
  /** Work a node sends to the worker JVM of its runtime env, and the worker's results. */
  private static final ClusterMessenger.Topic<TaskSpec> ENV_TASKS = new ClusterMessenger.Topic<>(
      "ray.env-tasks", WireCodec::writeTask, WireCodec::readTask, spec -> spec.deployClass);
  private static final ClusterMessenger.Topic<WireCodec.EnvBlock> ENV_BLOCKS = new ClusterMessenger.Topic<>(
      "ray.env-blocks", WireCodec::writeEnvBlock, WireCodec::readEnvBlock, null);
  private static final ClusterMessenger.Topic<TaskResult> ENV_RESULTS = new ClusterMessenger.Topic<>(
      "ray.env-results", WireCodec::writeResult, WireCodec::readResult, null);
  /** The runtime started last in this JVM: binds handles read outside any task (Java serialization). */
  private static volatile NodeRuntime lastStarted;
  /** The runtimes of this JVM by their node, for Ignite jobs sent to a node ({@link RunningTasksQuery}). */
  private static final java.util.concurrent.ConcurrentHashMap<UUID, NodeRuntime> BY_NODE =
      new java.util.concurrent.ConcurrentHashMap<>();
  /**
   * Finished tasks each node remembers for {@code RayState.listTasks()}, and runs of tasks and
   * actor calls it remembers having executed, for {@code ray-ignite list tasks}.
   */
  public static final int TASK_HISTORY = 65536;

  private final Ignite ignite;
  private final boolean ownsIgnite;
  private final RayConfig config;
  private final UUID localNodeId;
  private final int jobId;
  private final String address;
  private final AtomicLong taskSequence = new AtomicLong();
  private final ExecutorService io;
  private final ObjectSerializer serializer;
  private final ObjectStore store;
  private final ObjectManager objects;
  private final FunctionResolver functions = new FunctionResolver();
  private final EnvClassLoaders envClassLoaders = new EnvClassLoaders();
  private final EnvWorkerPool envWorkers = new EnvWorkerPool(this);
  /** In a runtime env's worker JVM: the node whose work it runs; null elsewhere. */
  private volatile UUID envParent;
  private final ClusterMessenger messenger;
  private final ClusterView view;
  private final Scheduler scheduler;
  private final NodeExecutor executor;
  private final TaskSubmitter submitter;
  private final LoadReporter loadReporter;
  private final TaskRunner runner;
  private final ActorDirectory actorDirectory;
  private final ActorHost actorHost;
  private final ActorManager actors;
  private final PlacementGroupDirectory groupDirectory;
  private final PlacementGroupManager placementGroups;
  private final RuntimeContextImpl context;
  private final NodeMetrics metrics;
  /** Serves the metrics over HTTP when {@code metricsPort} is set; null otherwise. */
  private volatile MetricsEndpoint metricsEndpoint;
  /** Backpressure of the streaming tasks running here, by task. */
  private final java.util.concurrent.ConcurrentHashMap<TaskId, GeneratorFlow> flows =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final IgnitePredicate<DiscoveryEvent> discoveryListener;
  /** What this node ran, whoever submitted it: outlives the drivers that did. */
  private final EventRing<ExecutedTask> executed = new EventRing<>(TASK_HISTORY);
  private volatile boolean running = true;

  private NodeRuntime(Ignite ignite, boolean ownsIgnite, RayConfig config) {
    this.ignite = ignite;
    this.ownsIgnite = ownsIgnite;
    this.config = config;
    ClusterNode local = ignite.cluster().localNode();
    this.localNodeId = local.id();
    this.jobId = jobIdOf(localNodeId);
    this.address = addressOf(ignite);
    String shortId = localNodeId.toString().substring(0, 8);
    this.io = new ThreadPoolExecutor(2, 2, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
        new DaemonThreads("ray-io-" + shortId));
    this.serializer = new ObjectSerializer(DeserializationFilter.of(
        config.getDeserializationAllowList(), config.getDeserializationDenyList()), kryo -> {
      kryo.addDefaultSerializer(ObjectRefImpl.class, new ObjectRefSerializer(this));
      kryo.addDefaultSerializer(ActorHandleImpl.class, new ActorHandleSerializer(this));
    });
    String region = ensureCaches(ignite, config);
    this.store = new ObjectStore(ignite, region, io);
    this.objects = new ObjectManager(this, store, serializer, io);
    this.messenger = new ClusterMessenger(ignite, io);
    this.view = new ClusterView(ignite);
    this.scheduler = new Scheduler(ignite, view, store);
    Map<String, Double> resources = local.isClient() ? Map.of() : resourcesOf(local, config);
    this.runner = new TaskRunner(this);
    CallerThreadSlots callerSlots =
        CallerThreadSlots.forPublicPool(ignite.configuration().getPublicThreadPoolSize());
    this.executor = new NodeExecutor(shortId, resources, runner::run, this::reject, callerSlots);
    this.submitter = new TaskSubmitter(this, scheduler, serializer, TASK_HISTORY);
    this.loadReporter = new LoadReporter(this, view, executor, shortId);
    this.actorDirectory = new ActorDirectory(ignite);
    this.actorHost = new ActorHost(this, actorDirectory, shortId, callerSlots);
    this.actors = new ActorManager(this, actorDirectory, submitter);
    this.groupDirectory = new PlacementGroupDirectory(ignite);
    this.placementGroups = new PlacementGroupManager(this, groupDirectory, view, shortId);
    scheduler.groups = placementGroups::record;
    this.context = new RuntimeContextImpl(this);
    this.metrics = new NodeMetrics(ignite, executor, submitter, objects, store, actorHost);
    this.discoveryListener = event -> {
      UUID left = event.eventNode().id();
      io.execute(() -> nodeLeft(left));
      return true;
    };
  }

  /** Starts an Ignite node from {@code config} and a runtime on it. */
  public static NodeRuntime start(RayConfig config) {
    Ignite ignite;
    try {
      IgniteConfiguration cfg = NodeConfigurations.create(config, List.of(
          ObjectStore.cacheConfiguration(config.getObjectStoreBackups(),
              NodeConfigurations.OBJECT_STORE_REGION),
          ObjectStore.chunkCacheConfiguration(config.getObjectStoreBackups(),
              NodeConfigurations.OBJECT_STORE_REGION),
          ClusterView.cacheConfiguration(), ActorDirectory.actorsConfiguration(),
          ActorDirectory.namesConfiguration(), PlacementGroupDirectory.groupsConfiguration(),
          PlacementGroupDirectory.namesConfiguration()));
      withoutRayLifecycleBeans(cfg);
      ignite = Ignition.start(cfg);
    } catch (IgniteException e) {
      throw new RayException("could not start a Ray on Ignite node"
          + (config.getAddress().isEmpty() ? "" : " joining " + config.getAddress()) + ": "
          + e.getMessage(), e);
    }
    try {
      return new NodeRuntime(ignite, true, config).begin();
    } catch (RuntimeException e) {
      if (Ignition.state(ignite.name()) == org.apache.ignite.IgniteState.STARTED) {
        ignite.close(); // unless begin() undid itself, stopping the node already
      }
      throw e;
    }
  }

  /**
   * Drops the {@link RayLifecycleBean}s a Spring XML declares for Ignite's own
   * launcher: this node gets its runtime from {@link #start}, and one is all a node may have.
   */
  private static void withoutRayLifecycleBeans(IgniteConfiguration cfg) {
    if (cfg.getLifecycleBeans() != null) {
      cfg.setLifecycleBeans(java.util.Arrays.stream(cfg.getLifecycleBeans())
          .filter(bean -> !(bean instanceof RayLifecycleBean))
          .toArray(LifecycleBean[]::new));
    }
  }

  /** Starts a runtime on a node the application started itself; {@link #shutdown} leaves it running. */
  public static NodeRuntime attach(Ignite ignite, RayConfig config) {
    return new NodeRuntime(ignite, false, config).begin();
  }

  private NodeRuntime begin() {
    messenger.listen(TASKS, (sender, specs, deployClass) -> {
      for (int i = 0; i < specs.size(); i++) {
        TaskSpec spec = specs.get(i);
        spec.deployClass = deployClass;
        if (i == specs.size() - 1) {
          executor.submitHere(spec); // on this public-pool thread, if admitted at once
        } else {
          executor.submit(spec);
        }
      }
    });
    messenger.listen(RESULTS, (sender, results, deployClass) -> results.forEach(submitter::onResult));
    messenger.listen(ENV_RESULTS, (sender, results, deployClass) ->
        results.forEach(result -> envWorkers.onResult(sender, result)));
    messenger.listen(ENV_BLOCKS, (sender, blocks, deployClass) ->
        blocks.forEach(block -> envWorkers.onBlock(sender, block)));
    messenger.listen(OBJECT_REQUESTS, (sender, ids, deployClass) -> objects.onObjectRequests(sender, ids));
    messenger.listen(OBJECT_REPLIES, (sender, replies, deployClass) -> objects.onObjectReplies(replies));
    messenger.listen(OBJECTS_LOST, (sender, ids, deployClass) -> objects.onObjectsLost(sender, ids));
    messenger.listen(BORROW_OPS, (sender, ops, deployClass) -> objects.onBorrowOps(sender, ops));
    messenger.listen(SPILLS, (sender, spills, deployClass) ->
        spills.forEach(spill -> submitter.onSpill(sender, spill)));
    messenger.listen(ACTOR_CALLS, (sender, calls, deployClass) -> {
      calls.forEach(call -> call.deployClass = deployClass);
      actorHost.receive(calls, true);
    });
    messenger.listen(ACTOR_KILLS, (sender, kills, deployClass) -> kills.forEach(actorHost::kill));
    messenger.listen(CANCELS, (sender, cancels, deployClass) -> cancels.forEach(this::onCancel));
    messenger.listen(GENERATOR_ITEMS, (sender, items, deployClass) ->
        items.forEach(submitter::onGeneratorItem));
    messenger.listen(GENERATOR_ACKS, (sender, acks, deployClass) -> acks.forEach(this::onGeneratorAck));
    messenger.listen(BUNDLE_OPS, (sender, ops, deployClass) ->
        ops.forEach(op -> placementGroups.onBundleOp(sender, op)));
    messenger.listen(BUNDLE_REPLIES, (sender, replies, deployClass) ->
        replies.forEach(placementGroups::onBundleReply));
    actorDirectory.start();
    groupDirectory.start();
    ignite.events().enableLocal(EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
    ignite.events().localListen(discoveryListener, EventType.EVT_NODE_LEFT, EventType.EVT_NODE_FAILED);
    view.onChange(() -> io.execute(submitter::nodesChanged));
    ClusterNode local = ignite.cluster().localNode();
    view.start(new NodeRecord(localNodeId, address, executor.totals(), labelsOf(local, config),
        local.isClient(), new NodeLoad(executor.totals(), 0, 0, 0)));
    loadReporter.start();
    placementGroups.start();
    if (config.getMetricsPort() > 0) {
      try {
        metricsEndpoint = MetricsEndpoint.start(ignite.configuration().getLocalHost(),
            config.getMetricsPort(), metrics.registries(), "ray-metrics-" + shortId());
      } catch (RuntimeException e) {
        shutdown();
        throw e;
      }
    }
    lastStarted = this;
    BY_NODE.put(localNodeId, this);
    LOG.info("Ray on Ignite node {} started at {} with resources {}{}", NodeId.of(localNodeId),
        address, executor.totals(), metricsEndpoint == null ? "" : "; metrics at " + metricsEndpoint.url());
    return this;
  }

  /**
   * Stops this runtime: fails what is pending here, stops its threads, and stops the Ignite node
   * if this runtime started it.
   */
  public synchronized void shutdown() { // a second caller waits for the first to finish
    if (!running) {
      return;
    }
    try {
      actors.endOwnedActors();
      placementGroups.endOwned();
    } catch (RuntimeException e) {
      LOG.debug("Could not end the job's actors and placement groups: {}", e.toString());
    }
    running = false;
    BY_NODE.remove(localNodeId, this);
    if (lastStarted == this) {
      lastStarted = null;
    }
    MetricsEndpoint endpoint = metricsEndpoint;
    if (endpoint != null) {
      endpoint.stop();
    }
    RayException stopped = new RayException("Ray was shut down on this node");
    submitter.failAll(stopped);
    objects.failAll(stopped);
    envWorkers.shutdown();
    loadReporter.stop();
    placementGroups.stop();
    try {
      ignite.events().stopLocalListen(discoveryListener);
      messenger.stop();
      actorDirectory.stop();
      groupDirectory.stop();
      view.stop(localNodeId);
    } catch (RuntimeException e) {
      LOG.debug("Ignite was already stopping: {}", e.toString());
    }
    executor.shutdown();
    actorHost.shutdown();
    envClassLoaders.close();
    io.shutdownNow();
    try {
      store.close();
    } catch (RuntimeException e) {
      LOG.debug("Could not delete the spill files: {}", e.toString());
    }
    try {
      metrics.close();
    } catch (RuntimeException e) {
      LOG.debug("Ignite was already stopping: {}", e.toString());
    }
    if (ownsIgnite) {
      Ignition.stop(ignite.name(), true);
    }
    try {
      io.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The runtime of the task the calling thread runs, or null outside tasks. */
  public static NodeRuntime current() {
    TaskContext task = TaskContext.current();
    return task != null ? task.runtime : null;
  }

  /** The runtime of the running task, else the one started last in this JVM, else null. */
  static NodeRuntime currentOrDefault() {
    NodeRuntime current = current();
    return current != null ? current : lastStarted;
  }

  // ---- the API, as the facade calls it ----

  public <R> TaskCaller<R> task(RayFunc function, Object[] args) {
    return new TaskCallers.Single<>(this, FunctionDescriptors.of(function), args);
  }

  public VoidTaskCaller voidTask(RayFunc function, Object[] args) {
    return new TaskCallers.Void(this, FunctionDescriptors.of(function), args);
  }

  public <A> ActorCreator<A> actor(RayFunc constructor, Object[] args) {
    checkRunning();
    return new ActorCreatorImpl<>(this, FunctionDescriptors.of(constructor), args);
  }

  /** The live actor named {@code name} in {@code namespace} (null: the job's), if any. */
  public <A> java.util.Optional<org.rayonignite.api.actor.ActorHandle<A>> getActor(String name, String namespace) {
    checkRunning();
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("actor name must not be blank: \"" + name + "\"");
    }
    ActorHandleImpl<A> handle = actors.named(namespace != null ? namespace : runtimeContext().getNamespace(), name);
    return java.util.Optional.ofNullable(handle);
  }

  /** Ends the actor whose method calls this: unwinds the method; later calls fail. */
  public void exitActor() {
    TaskContext task = TaskContext.current();
    if (task == null || task.actor == null) {
      throw new IllegalStateException("Ray.exitActor() must be called inside an actor method");
    }
    throw new ActorExit();
  }

  public Object get(ObjectRef<?> ref, long timeoutMs) {
    if (ref == null) {
      throw new NullPointerException("ref");
    }
    if (ref instanceof ObjectRefImpl<?> impl) {
      return objects().get(impl.runtime() == this ? impl : objects.refFor(ref.getId(),
          ObjectManager.locationIfReady(impl.entry())), timeoutMs);
    }
    throw new IllegalArgumentException("not an ObjectRef made by Ray: " + ref.getClass().getName());
  }

  public List<Object> get(List<? extends ObjectRef<?>> refs, long timeoutMs) {
    return objects.getAll(refs, timeoutMs);
  }

  public <T> ObjectRef<T> put(Object value) {
    checkRunning();
    return objects.put(value);
  }

  public <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, long timeoutMs, boolean fetchLocal) {
    return objects.wait(refs, numReturns, timeoutMs, fetchLocal);
  }

  public void cancel(ObjectRef<?> ref, boolean force, boolean recursive) {
    checkRunning();
    if (ref == null) {
      throw new NullPointerException("ref");
    }
    TaskId taskId = ref.getId().getTaskId();
    UUID owner = taskId.getOwnerUuid();
    if (owner.equals(localNodeId)) {
      submitter.cancel(taskId, force, recursive);
    } else {
      sendCancel(owner, new WireCodec.Cancel(taskId, 0, force, recursive, true));
    }
  }

  void sendGeneratorItem(UUID owner, WireCodec.GeneratorItem item) {
    if (owner.equals(localNodeId)) {
      submitter.onGeneratorItem(item);
    } else {
      messenger.send(owner, GENERATOR_ITEMS, item);
    }
  }

  void sendGeneratorAck(UUID producer, WireCodec.GeneratorAck ack) {
    if (producer.equals(localNodeId)) {
      onGeneratorAck(ack);
    } else {
      messenger.send(producer, GENERATOR_ACKS, ack);
    }
  }

  private void onGeneratorAck(WireCodec.GeneratorAck ack) {
    GeneratorFlow flow = flows.get(ack.taskId());
    if (flow != null) {
      flow.consumed(ack.consumed());
    } else {
      envWorkers.forwardAck(ack); // the stream is produced in a runtime env's worker JVM
    }
  }

  /** The backpressure of a streaming task starting here. */
  GeneratorFlow openFlow(TaskSpec spec) {
    GeneratorFlow flow = new GeneratorFlow(spec.generatorBackpressure);
    if (spec.generatorBackpressure > 0) {
      flows.put(spec.taskId, flow);
    }
    return flow;
  }

  void closeFlow(TaskId taskId) {
    flows.remove(taskId);
  }

  /** Cancels the streaming task behind {@code generator}. */
  public void cancel(org.rayonignite.api.ObjectRefGenerator<?> generator) {
    checkRunning();
    if (!(generator instanceof ObjectRefGeneratorImpl<?> impl)) {
      throw new IllegalArgumentException("not a generator made by Ray: " + generator);
    }
    submitter.cancel(impl.taskId(), false, true);
  }

  void sendCancel(UUID node, WireCodec.Cancel cancel) {
    if (node.equals(localNodeId)) {
      execute(() -> onCancel(cancel));
    } else {
      messenger.send(node, CANCELS, cancel);
    }
  }

  /** A cancel reached this node: as the task's owner, or as the node running it. */
  private void onCancel(WireCodec.Cancel cancel) {
    if (cancel.toOwner()) {
      submitter.cancel(cancel.taskId(), cancel.force(), cancel.recursive());
      return;
    }
    envWorkers.forwardCancel(cancel); // if it runs in a runtime env's worker JVM
    if (cancel.recursive()) {
      // Children first: one may run inline on the task's thread, which the interrupt reaches.
      submitter.cancelChildren(cancel.taskId(), cancel.force());
    }
    TaskSpec queued = executor.cancel(cancel.taskId(), cancel.force());
    if (queued != null) {
      RayException error = new TaskCancelledException("task " + queued.name + " (" + queued.taskId
          + ") was cancelled before it started");
      deliverResult(queued.taskId.getOwnerUuid(), new TaskResult(queued.taskId, queued.attempt,
          localNodeId, null, objects.serializeError(error), TaskCancelledException.class.getName()));
    } else if (actorHost.cancel(cancel.taskId())) {
      RayException error = new TaskCancelledException("actor call " + cancel.taskId()
          + " was cancelled before it started");
      deliverResult(cancel.taskId().getOwnerUuid(), new TaskResult(cancel.taskId(), cancel.attempt(),
          localNodeId, null, objects.serializeError(error), TaskCancelledException.class.getName()));
    }
  }

  public RuntimeContext runtimeContext() {
    checkRunning();
    return context;
  }

  /** The runtime of the node {@code nodeId} if it lives in this JVM, else null. */
  static NodeRuntime ofNode(UUID nodeId) {
    return BY_NODE.get(nodeId);
  }

  /** The tasks and actor calls running on this node that {@code owner} submitted (anyone's if null). */
  java.util.List<TaskId> runningOwnedBy(UUID owner) {
    java.util.List<TaskId> running = new ArrayList<>();
    executor.runningOwnedBy(owner, running);
    actorHost.runningOwnedBy(owner, running);
    return running;
  }

  /** A task, actor creation or actor call ran here and ended with {@code result}. */
  void recordRun(TaskSpec spec, long startMicros, long threadId, TaskResult result) {
    String error = result.failed() ? (result.errorClassName != null ? result.errorClassName
        : RayException.class.getName()) : null;
    executed.add(new ExecutedTask(spec, startMicros, MicrosClock.now(), error, threadId));
  }

  /** The runs this node remembers, oldest first. */
  List<ExecutedTask> executedTasks() {
    return executed.list();
  }

  /** Runs {@link #executedTasks()} no longer shows. */
  long executedDropped() {
    return executed.dropped();
  }

  /** Tasks this node submitted: not finished, then the last finished ones. */
  public List<TaskInfo> listTasks() {
    checkRunning();
    return submitter.listTasks();
  }

  /** Finished tasks {@link #listTasks()} no longer shows. */
  public long droppedTasks() {
    return submitter.droppedTasks();
  }

  /** Objects this node's part of the object store holds (primary copies). */
  public int storedObjectCount() {
    checkRunning();
    return objects.store().localObjectCount();
  }

  /** Bytes each live node fetched from others, as last reported. */
  public Map<NodeId, Long> bytesFetchedByNode() {
    checkRunning();
    Map<NodeId, Long> bytes = new LinkedHashMap<>();
    for (NodeRecord node : view.nodes()) {
      bytes.put(NodeId.of(node.nodeId), node.nodeId.equals(localNodeId) ? objects.bytesFetched()
          : node.load.bytesFetched());
    }
    return bytes;
  }

  /** Whether this runtime was not shut down. */
  public boolean isRunning() {
    return running;
  }

  // ---- for the runtime's parts ----

  /** Submits a streaming task (or actor call, via {@code setup}); returns its generator. */
  <T> ObjectRefGeneratorImpl<T> submitStreaming(RayFunction function, Object[] args,
      CallOptions callOptions, java.util.function.Consumer<PendingTask> setup) {
    CallOptions options = RuntimeEnvs.effective(this, callOptions);
    options.checkFitsBundle("the task");
    GeneratorState[] state = new GeneratorState[1];
    submitter.submit(function, args, options, task -> {
      if (setup != null) {
        setup.accept(task);
      }
      task.generator = new GeneratorState(task.taskId, this);
      state[0] = task.generator;
    });
    return new ObjectRefGeneratorImpl<>(this, state[0], options.generatorBackpressure > 0);
  }

  List<ObjectRefImpl<Object>> submitTask(RayFunction function, Object[] args, CallOptions options) {
    options.checkFitsBundle("the task");
    return submitter.submit(function, args, RuntimeEnvs.effective(this, options));
  }

  void checkRunning() {
    if (!running) {
      throw new RayException("Ray was shut down: objects and refs from before Ray.shutdown() are "
          + "gone; call Ray.init() and submit the work again");
    }
  }

  TaskId newTaskId() {
    return TaskId.of(localNodeId, taskSequence.incrementAndGet());
  }

  /**
   * Sends a result to its task's owner, once the refs this node started to borrow meanwhile are
   * registered with their owners (the owner may drop the task's arguments on the result).
   */
  void deliverResult(UUID owner, TaskResult result) {
    objects.borrowing().afterBorrowsSoFar(() -> {
      if (owner.equals(localNodeId)) {
        submitter.onResult(result);
      } else {
        messenger.send(owner, RESULTS, result);
      }
    });
  }

  void sendBorrowOp(UUID node, WireCodec.BorrowOp op) {
    if (node.equals(localNodeId)) {
      objects.onBorrowOps(localNodeId, List.of(op));
    } else {
      messenger.send(node, BORROW_OPS, op);
    }
  }

  /**
   * Makes this runtime the worker JVM of a runtime env for node {@code parent}: it runs the work
   * that node sends it, within the resources that node holds for it, and reports to that node.
   */
  void serveAsEnvWorker(UUID parent) {
    envParent = parent;
    executor.admitEverything();
    messenger.listen(ENV_TASKS, (sender, specs, deployClass) -> specs.forEach(spec -> {
      spec.deployClass = deployClass;
      executor.submit(spec);
    }));
  }

  boolean isEnvWorker() {
    return envParent != null;
  }

  void sendEnvTask(UUID worker, TaskSpec spec) {
    messenger.send(worker, ENV_TASKS, spec);
  }

  /** In a worker JVM: the work {@code spec} blocks (or resumes); its node gives back (or takes) its resources. */
  void sendEnvBlocked(TaskSpec spec, boolean blocked) {
    messenger.send(envParent, ENV_BLOCKS, new WireCodec.EnvBlock(spec.taskId, spec.attempt, blocked));
  }

  void sendEnvResult(TaskResult result) {
    objects.borrowing().afterBorrowsSoFar(() -> messenger.send(envParent, ENV_RESULTS, result));
  }

  EnvWorkerPool envWorkers() {
    return envWorkers;
  }

  /** This node's discovery address, host:port. */
  String address() {
    return address;
  }

  void sendTask(UUID node, TaskSpec spec) {
    messenger.send(node, TASKS, spec);
  }

  void sendSpill(UUID owner, WireCodec.Spill spill) {
    if (owner.equals(localNodeId)) {
      submitter.onSpill(localNodeId, spill);
    } else {
      messenger.send(owner, SPILLS, spill);
    }
  }

  void sendObjectRequest(UUID owner, ObjectId id) {
    messenger.send(owner, OBJECT_REQUESTS, id);
  }

  void sendObjectLost(UUID owner, ObjectId id) {
    messenger.send(owner, OBJECTS_LOST, id);
  }

  void sendObjectReply(UUID borrower, WireCodec.ObjectReply reply) {
    messenger.send(borrower, OBJECT_REPLIES, reply);
  }

  private void reject(TaskSpec spec, String reason) {
    deliverFailure(spec, new RayException("task " + spec.name + " cannot run on node "
        + describeLocalNode() + ": " + reason));
  }

  private void nodeLeft(UUID node) {
    if (!running) {
      return;
    }
    messenger.nodeLeft(node);
    envWorkers.nodeLeft(node);
    view.nodeLeft(node);
    submitter.nodeLeft(node);
    objects.nodeLeft(node);
    cancelTasksOf(node);
    actors.nodeLeft(node);
    actorHost.ownerLeft(node);
    placementGroups.nodeLeft(node);
  }

  /**
   * The tasks {@code owner} submitted that are queued or running here are cancelled: no one is
   * left to take their results. Tasks they submitted are cancelled with them.
   */
  private void cancelTasksOf(UUID owner) {
    List<TaskId> orphans = new ArrayList<>();
    executor.queuedOwnedBy(owner, orphans);
    executor.runningOwnedBy(owner, orphans);
    for (TaskId orphan : orphans) {
      submitter.cancelChildren(orphan, false);
      executor.cancel(orphan, false);
    }
    if (!orphans.isEmpty()) {
      LOG.info("Cancelled {} tasks of node {}, which left the cluster", orphans.size(),
          Scheduler.describe(owner));
    }
  }

  void sendBundleOp(UUID node, WireCodec.BundleOp op) {
    if (node.equals(localNodeId)) {
      execute(() -> placementGroups.onBundleOp(localNodeId, op));
    } else {
      messenger.send(node, BUNDLE_OPS, op);
    }
  }

  void sendBundleReply(UUID node, WireCodec.BundleReply reply) {
    if (node.equals(localNodeId)) {
      placementGroups.onBundleReply(reply);
    } else {
      messenger.send(node, BUNDLE_REPLIES, reply);
    }
  }

  /** Tells the owner of a task taken off this node that it failed with {@code error}. */
  void deliverFailure(TaskSpec spec, RayException error) {
    deliverResult(spec.taskId.getOwnerUuid(), new TaskResult(spec.taskId, spec.attempt, localNodeId,
        null, objects.serializeError(error), error.getClass().getName()));
  }

  PlacementGroupManager placementGroups() {
    return placementGroups;
  }

  // ---- placement groups, as the facade calls them ----

  public org.rayonignite.api.placement.PlacementGroup createPlacementGroup(
      org.rayonignite.api.placement.PlacementGroupCreationOptions options) {
    checkRunning();
    return placementGroups.create(options);
  }

  public org.rayonignite.api.placement.PlacementGroup getPlacementGroup(
      org.rayonignite.api.PlacementGroupId id) {
    checkRunning();
    return placementGroups.get(id);
  }

  public org.rayonignite.api.placement.PlacementGroup getPlacementGroup(String name, String namespace) {
    checkRunning();
    return placementGroups.named(namespace != null ? namespace : runtimeContext().getNamespace(), name);
  }

  public List<org.rayonignite.api.placement.PlacementGroup> getAllPlacementGroups() {
    checkRunning();
    return placementGroups.all();
  }

  public void removePlacementGroup(org.rayonignite.api.PlacementGroupId id) {
    checkRunning();
    placementGroups.remove(id);
  }

  void sendActorCall(UUID node, TaskSpec call) {
    if (node.equals(localNodeId)) {
      actorHost.receive(List.of(call), false); // remote() must return at once: never run it here
    } else {
      messenger.send(node, ACTOR_CALLS, call);
    }
  }

  void sendActorKill(UUID node, WireCodec.ActorKill kill) {
    if (node.equals(localNodeId)) {
      actorHost.kill(kill);
    } else {
      messenger.send(node, ACTOR_KILLS, kill);
    }
  }

  /** Runs {@code work} on the runtime's own threads (never an Ignite thread). */
  void execute(Runnable work) {
    try {
      io.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debug("Stopping; dropped {}", work);
    }
  }

  TaskRunner runner() {
    return runner;
  }

  TaskSubmitter submitter() {
    return submitter;
  }

  ActorHost actorHost() {
    return actorHost;
  }

  ActorManager actors() {
    return actors;
  }

  boolean isAlive(UUID node) {
    return ignite.cluster().node(node) != null;
  }

  UUID localNodeId() {
    return localNodeId;
  }

  String describeLocalNode() {
    return NodeId.of(localNodeId) + " (" + address + ")";
  }

  int jobId() {
    return jobId;
  }

  String namespace() {
    return config.getNamespace();
  }

  /**
   * The job of a node's driver program: every node drives a job of its own, and the job ends
   * when the node does. Derived from the node id, so any node knows the job of a node that left.
   */
  static int jobIdOf(UUID node) {
    long bits = node.getMostSignificantBits() ^ node.getLeastSignificantBits();
    return Math.max(1, (int) (bits ^ bits >>> 32) & Integer.MAX_VALUE);
  }

  /** The job of the work on the calling thread: its task's (or actor call's), else this node's. */
  int currentJobId() {
    TaskContext task = TaskContext.current();
    return task != null ? task.spec.jobId : jobId;
  }

  /** The namespace of the work on the calling thread: its task's, else this node's job's. */
  String currentNamespace() {
    TaskContext task = TaskContext.current();
    return task != null && task.spec.namespace != null ? task.spec.namespace : namespace();
  }

  RayConfig config() {
    return config;
  }

  ObjectManager objects() {
    return objects;
  }

  NodeMetrics metrics() {
    return metrics;
  }

  private String shortId() {
    return localNodeId.toString().substring(0, 8);
  }

  ObjectSerializer serializer() {
    return serializer;
  }

  FunctionResolver functions() {
    return functions;
  }

  EnvClassLoaders envClassLoaders() {
    return envClassLoaders;
  }

  NodeExecutor executor() {
    return executor;
  }

  ClusterView clusterView() {
    return view;
  }

  Ignite ignite() {
    return ignite;
  }

  // ---- node setup ----

  /**
   * Creates the object store cache if the cluster lacks it; returns its data region (null:
   * default). The cluster's cache decides: a node that joins a cluster whose store another node
   * made keeps objects where that node put them.
   */
  private static String ensureCaches(Ignite ignite, RayConfig config) {
    IgniteCache<Long, byte[]> cache = ignite.cache(ObjectStore.CACHE_NAME);
    if (cache == null) {
      String region = hasRegion(ignite, NodeConfigurations.OBJECT_STORE_REGION)
          ? NodeConfigurations.OBJECT_STORE_REGION : null;
      cache = ignite.getOrCreateCache(ObjectStore.cacheConfiguration(config.getObjectStoreBackups(), region));
    }
    @SuppressWarnings("unchecked")
    CacheConfiguration<Long, byte[]> cfg = cache.getConfiguration(CacheConfiguration.class);
    return cfg.getDataRegionName();
  }

  private static boolean hasRegion(Ignite ignite, String name) {
    DataStorageConfiguration storage = ignite.configuration().getDataStorageConfiguration();
    if (storage == null || storage.getDataRegionConfigurations() == null) {
      return false;
    }
    for (DataRegionConfiguration region : storage.getDataRegionConfigurations()) {
      if (name.equals(region.getName())) {
        return true;
      }
    }
    return false;
  }

  /** Resources from the node's {@code ray.resources.*} attributes, then the config, then CPU = cores. */
  private static Map<String, Double> resourcesOf(ClusterNode node, RayConfig config) {
    Map<String, Double> resources = new LinkedHashMap<>();
    attributesWithPrefix(node, NodeAttributes.RESOURCE_PREFIX).forEach((name, value) -> {
      try {
        resources.put(name, Double.parseDouble(value.trim()));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("node attribute " + NodeAttributes.RESOURCE_PREFIX + name
            + " must be a number, got \"" + value + "\"");
      }
    });
    config.getResources().forEach(resources::putIfAbsent);
    resources.putIfAbsent("CPU", (double) Runtime.getRuntime().availableProcessors());
    return resources;
  }

  /** Labels from the node's {@code ray.labels.*} attributes, then the config. */
  private static Map<String, String> labelsOf(ClusterNode node, RayConfig config) {
    Map<String, String> labels = attributesWithPrefix(node, NodeAttributes.LABEL_PREFIX);
    config.getLabels().forEach(labels::putIfAbsent);
    return labels;
  }

  private static Map<String, String> attributesWithPrefix(ClusterNode node, String prefix) {
    Map<String, String> values = new LinkedHashMap<>();
    node.attributes().forEach((name, value) -> {
      if (name.startsWith(prefix)) {
        values.put(name.substring(prefix.length()), String.valueOf(value));
      }
    });
    return values;
  }

  private static String addressOf(Ignite ignite) {
    ClusterNode local = ignite.cluster().localNode();
    Collection<String> hosts = local.addresses();
    String host = ignite.configuration().getLocalHost();
    if (host == null || host.isEmpty()) {
      List<String> candidates = new ArrayList<>(hosts);
      host = candidates.stream().filter(h -> !h.startsWith("127.") && !h.contains(":")).findFirst()
          .orElse(candidates.isEmpty() ? "127.0.0.1" : candidates.get(0));
    }
    DiscoverySpi discovery = ignite.configuration().getDiscoverySpi();
    int port = 0;
    if (discovery instanceof TcpDiscoverySpi tcp) {
      port = tcp.getLocalPort();
    } else if (ignite.configuration().getCommunicationSpi() instanceof TcpCommunicationSpi tcp) {
      port = tcp.getLocalPort(); // an embedded node has no discovery port
    }
    return host + ":" + port;
  }
}
