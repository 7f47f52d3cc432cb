package org.rayonignite;

import java.util.List;
import java.util.Optional;
import org.apache.ignite.Ignite;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.RuntimeContext;
import org.rayonignite.api.WaitResult;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.config.RayConfig;
import org.rayonignite.runtime.NodeRuntime;

/**
 * The entry point: start or join a cluster, submit tasks, and get, put and wait for objects.
 *
 * <pre>{@code
 * Ray.init();                                               // a one-node cluster in this JVM
 * ObjectRef<Integer> ref = Ray.task(MyApp::square, 4).remote();
 * System.out.println(ref.get());                            // 16
 * Ray.shutdown();
 * }</pre>
 *
 * <p>Code running inside a task may call every method here; it then acts on the node that runs
 * the task. Everything but {@code init}, {@code isInitialized} and {@code shutdown} throws
 * {@link IllegalStateException} before {@code init}.
 */
public final class Ray extends RayCall {
  private static final Object LOCK = new Object();
  private static volatile NodeRuntime global;
  private static Thread shutdownHook;

  private Ray() {}

  /**
   * Starts Ray with the configuration in system properties {@code ray.*} and environment
   * variables {@code RAY_*} (see {@link RayConfig#fromSystem()}): with no address, an embedded
   * one-node cluster in this JVM. A no-op if Ray is initialized.
   */
  public static void init() {
    if (global == null) {
      init(RayConfig.fromSystem());
    }
  }

  /** Starts Ray as a node of the cluster {@code config} names (or embedded). A no-op if initialized. */
  public static void init(RayConfig config) {
    if (config == null) {
      throw new NullPointerException("config");
    }
    synchronized (LOCK) {
      if (global == null) {
        global = NodeRuntime.start(config);
        registerShutdownHook();
      }
    }
  }

  /**
   * Starts Ray on an Ignite node the application already started (from its own Spring XML, say);
   * {@link #shutdown()} then leaves that node running. A no-op if initialized.
   */
  public static void init(Ignite ignite) {
    init(ignite, RayConfig.fromSystem());
  }

  /** As {@link #init(Ignite)}, with the job's namespace and defaults from {@code config}. */
  public static void init(Ignite ignite, RayConfig config) {
    if (ignite == null) {
      throw new NullPointerException("ignite");
    }
    synchronized (LOCK) {
      if (global == null) {
        global = NodeRuntime.attach(ignite, config);
        registerShutdownHook();
      }
    }
  }

  /**
   * A runtime on a node started by someone else ({@link RayLifecycleBean}); it becomes this
   * process's Ray if there is none yet. {@link #detach} stops it.
   */
  static NodeRuntime attach(Ignite ignite, RayConfig config) {
    synchronized (LOCK) {
      NodeRuntime runtime = NodeRuntime.attach(ignite, config);
      if (global == null) {
        global = runtime;
        registerShutdownHook();
      }
      return runtime;
    }
  }

  /** Stops a runtime from {@link #attach}; if it was this process's Ray, Ray is shut down. */
  static void detach(NodeRuntime runtime) {
    synchronized (LOCK) {
      if (global == runtime) {
        global = null;
      }
    }
    runtime.shutdown();
  }

  /** Whether {@code init} was called and {@code shutdown} was not since. */
  public static boolean isInitialized() {
    return global != null;
  }

  /**
   * Stops Ray in this process: pending work of this driver fails, threads stop, and the Ignite
   * node Ray started leaves the cluster. Idempotent; {@code init} works again afterwards.
   */
  public static void shutdown() {
    NodeRuntime runtime;
    synchronized (LOCK) {
      runtime = global;
      global = null;
    }
    if (runtime != null) {
      runtime.shutdown();
    }
  }

  /** Waits for the object and returns it. */
  @SuppressWarnings("unchecked")
  public static <T> T get(ObjectRef<T> ref) {
    return (T) runtime().get(ref, -1);
  }

  /** Waits at most {@code timeoutMs} for the object; throws {@code RayTimeoutException} after. */
  @SuppressWarnings("unchecked")
  public static <T> T get(ObjectRef<T> ref, long timeoutMs) {
    return (T) runtime().get(ref, timeoutMs);
  }

  /** Waits for all the objects and returns them in order. */
  @SuppressWarnings("unchecked")
  public static <T> List<T> get(List<ObjectRef<T>> refs) {
    return (List<T>) runtime().get(refs, -1);
  }

  /** Waits at most {@code timeoutMs} in all for the objects. */
  @SuppressWarnings("unchecked")
  public static <T> List<T> get(List<ObjectRef<T>> refs, long timeoutMs) {
    return (List<T>) runtime().get(refs, timeoutMs);
  }

  /** Stores {@code value} (a copy: later changes to it do not show) and returns its ref. */
  public static <T> ObjectRef<T> put(T value) {
    return runtime().put(value);
  }

  /** Waits until every ref is ready. */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs) {
    return wait(refs, refs == null ? 0 : refs.size(), -1, true);
  }

  /** Waits until {@code numReturns} refs are ready. */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns) {
    return wait(refs, numReturns, -1, true);
  }

  /** Waits until {@code numReturns} refs are ready or {@code timeoutMs} passes (negative: forever). */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, long timeoutMs) {
    return wait(refs, numReturns, timeoutMs, true);
  }

  /**
   * Waits until {@code numReturns} refs are ready ({@code 0}: all, or the timeout) or
   * {@code timeoutMs} passes; never throws on timeout. With {@code fetchLocal} a ref is ready
   * when its object is on this node.
   */
  public static <T> WaitResult<T> wait(List<ObjectRef<T>> refs, int numReturns, long timeoutMs,
      boolean fetchLocal) {
    if (refs == null) {
      throw new NullPointerException("refs");
    }
    return runtime().wait(refs, numReturns, timeoutMs, fetchLocal);
  }

  /** Cancels the task that makes {@code ref} (and the tasks it submitted). */
  public static void cancel(ObjectRef<?> ref) {
    cancel(ref, false, true);
  }

  /** Cancels the task that makes {@code ref}; see the API guide for {@code force} and {@code recursive}. */
  public static void cancel(ObjectRef<?> ref, boolean force, boolean recursive) {
    runtime().cancel(ref, force, recursive);
  }

  /**
   * Cancels a streaming task: its producer stops; elements already produced stay readable.
   */
  public static void cancel(org.rayonignite.api.ObjectRefGenerator<?> generator) {
    if (generator == null) {
      throw new NullPointerException("generator");
    }
    runtime().cancel(generator);
  }

  /** The named actor in the job's namespace, if alive (not dead). */
  public static <T> Optional<ActorHandle<T>> getActor(String name) {
    return runtime().getActor(name, null);
  }

  /** The named actor in {@code namespace}, if alive (not dead). */
  public static <T> Optional<ActorHandle<T>> getActor(String name, String namespace) {
    if (namespace == null) {
      throw new NullPointerException("namespace");
    }
    return runtime().getActor(name, namespace);
  }

  /**
   * Ends the actor the calling method runs in: the method stops here, the actor is dead for good
   * (no restart), and later calls fail with {@code RayActorException}.
   */
  public static void exitActor() {
    runtime().exitActor();
  }

  /** Where the calling code runs and what the cluster looks like. */
  public static RuntimeContext getRuntimeContext() {
    return runtime().runtimeContext();
  }

  /** The runtime calls act on: the running task's node, else this process's. */
  static NodeRuntime runtime() {
    NodeRuntime runtime = NodeRuntime.current();
    if (runtime != null) {
      return runtime;
    }
    runtime = global;
    if (runtime == null) {
      throw new IllegalStateException("Ray is not initialized: call Ray.init() first");
    }
    return runtime;
  }

  private static void registerShutdownHook() {
    if (shutdownHook == null) {
      shutdownHook = new Thread(Ray::shutdown, "ray-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    }
  }
}
