package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Runtime environments over a driver (this JVM) and a worker JVM on loopback (ports
 * 49540..49549): the env travels with the work to the node that runs it; environment variables
 * and JVM options run the work in a worker JVM the node starts for the env. The worker node stops
 * idle env JVMs after 3 s.
 */
class RuntimeEnvMultiJvmTest {
  private static final String ADDRESS = TestClusters.address(49540);
  private static final RuntimeEnv JOB_ENV = RuntimeEnv.builder().config("mode", "job").build();
  private static final int HTTP_PORT = 49548;
  private static NodeProcess worker;
  /** Every env worker JVM the tests saw: none may be left after the cluster stops. */
  private static final Set<Long> envJvms = ConcurrentHashMap.newKeySet();
  @TempDir
  static Path jars;

  @BeforeAll
  static void start() {
    worker = TestClusters.worker(ADDRESS, "--resources", "CPU=2")
        .javaOptions("-Dray.envWorkerIdleTimeoutMs=3000").start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(128L << 20).runtimeEnv(JOB_ENV).build());
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(worker);
    for (long pid : envJvms) {
      assertTrue(ProcessHandle.of(pid).map(process -> !process.isAlive()).orElse(true),
          "env worker JVM " + pid + " is still running");
    }
  }

  /** What the work sees of its JVM: an env variable, a system property, the JVM's pid. */
  static List<String> jvm() {
    return List.of(String.valueOf(System.getenv("RAY_ENV_TEST")),
        String.valueOf(System.getProperty("ray.env.test")), String.valueOf(ProcessHandle.current().pid()));
  }

  /** {@link #jvm()} of this task and of a child it submits and waits for (which inherits the env). */
  static List<List<String>> jvmOfParentAndChild() {
    return List.of(jvm(), Ray.task(RuntimeEnvMultiJvmTest::jvm).remote().get());
  }

  /** The env variable a child pinned to {@code node} sees (it inherits this task's env). */
  static String envOfChildOn(NodeId node) {
    return Ray.task(RuntimeEnvMultiJvmTest::jvm).setNodeAffinity(node, false).remote().get().get(0);
  }

  /** An actor reporting the JVM it lives in. */
  static final class JvmReporter {
    private int calls;

    List<String> jvm() {
      calls++;
      return List.of(RuntimeEnvMultiJvmTest.jvm().get(0), RuntimeEnvMultiJvmTest.jvm().get(2),
          String.valueOf(calls));
    }
  }

  private static List<String> seen(List<String> jvm) {
    envJvms.add(Long.parseLong(jvm.get(jvm.size() - 1)));
    return jvm;
  }

  private static ObjectRef<List<String>> jvmTask(RuntimeEnv env, NodeId node) {
    return Ray.task(RuntimeEnvMultiJvmTest::jvm).setRuntimeEnv(env).setNodeAffinity(node, false).remote();
  }

  @Test
  void theEffectiveEnvReachesTheOtherJvm() {
    RuntimeEnv taskEnv = RuntimeEnv.builder().config("mode", "task").config("extra", "1").build();
    assertEquals(Map.of("mode", "task", "extra", "1"), Ray.task(RuntimeEnvTest::config)
        .setRuntimeEnv(taskEnv).setNodeAffinity(worker.nodeId(), false).remote().get());
    assertEquals(Map.of("mode", "job"), Ray.task(RuntimeEnvTest::config)
        .setNodeAffinity(worker.nodeId(), false).remote().get());
    ActorHandle<RuntimeEnvTest.EnvReporter> actor = Ray.actor(RuntimeEnvTest.EnvReporter::new)
        .setRuntimeEnv(RuntimeEnv.builder().config("mode", "actor").build())
        .setNodeAffinity(worker.nodeId(), false).remote();
    assertEquals(List.of(Map.of("mode", "actor"), Map.of("mode", "actor")), Ray.get(List.of(
        actor.task(RuntimeEnvTest.EnvReporter::config).remote(),
        actor.task(RuntimeEnvTest.EnvReporter::config).remote())));
  }

  @Test
  void theNodeThatRunsTheWorkLoadsItsJarsOneVersionPerJarSet() {
    Path v1 = TestJars.greeter(jars, "v1");
    Path v2 = TestJars.greeter(jars, "v2");
    HttpServer server = TestJars.serve(v2, HTTP_PORT);
    try {
      RuntimeEnv first = RuntimeEnv.builder().jar(v1.toString()).build();
      RuntimeEnv second = RuntimeEnv.builder().jar("http://127.0.0.1:" + HTTP_PORT + "/" + v2.getFileName()).build();
      assertEquals(List.of("v1", "v2", "v1", "v2"), Ray.get(List.of(
          Ray.task(TestJars::greeterVersion).setRuntimeEnv(first).setNodeAffinity(worker.nodeId(), false).remote(),
          Ray.task(TestJars::greeterVersion).setRuntimeEnv(second).setNodeAffinity(worker.nodeId(), false).remote(),
          Ray.task(TestJars::greeterVersion).setRuntimeEnv(first).setNodeAffinity(worker.nodeId(), false).remote(),
          Ray.task(TestJars::greeterVersion).setRuntimeEnv(second).setNodeAffinity(worker.nodeId(), false).remote())));
      ActorHandle<TestJars.GreeterHost> one = Ray.actor(TestJars.GreeterHost::new).setRuntimeEnv(first)
          .setNodeAffinity(worker.nodeId(), false).remote();
      ActorHandle<TestJars.GreeterHost> two = Ray.actor(TestJars.GreeterHost::new).setRuntimeEnv(second)
          .setNodeAffinity(worker.nodeId(), false).remote();
      assertEquals("hello ann from v1", one.task(TestJars.GreeterHost::greet, "ann").remote().get());
      assertEquals("hello bob from v2", two.task(TestJars.GreeterHost::greet, "bob").remote().get());
    } finally {
      server.stop(0);
    }
    String missing = jars.resolve("missing.jar").toString();
    RayTaskException error = assertThrows(RayTaskException.class, () -> Ray.task(TestJars::greeterVersion)
        .setRuntimeEnv(RuntimeEnv.builder().jar(missing).build()).setNodeAffinity(worker.nodeId(), false)
        .remote().get());
    assertTrue(error.getMessage().contains("runtime env") && error.getMessage().contains(missing)
        && error.getMessage().contains(worker.nodeId().toString()), error.getMessage());
  }

  @Test
  void envVarsAndJvmOptionsRunTheWorkInAPooledWorkerJvmOfTheEnv() {
    RuntimeEnv first = RuntimeEnv.builder().envVar("RAY_ENV_TEST", "one").jvmOption("-Dray.env.test=on")
        .jvmOption("-Xmx256m").build();
    RuntimeEnv second = RuntimeEnv.builder().envVar("RAY_ENV_TEST", "two").build();
    List<String> a = seen(jvmTask(first, worker.nodeId()).get());
    assertEquals(List.of("one", "on"), a.subList(0, 2));
    long workerPid = worker.pid();
    assertTrue(Long.parseLong(a.get(2)) != workerPid && Long.parseLong(a.get(2)) != ProcessHandle.current().pid());
    List<List<String>> again = Ray.get(List.of(jvmTask(first, worker.nodeId()), jvmTask(first, worker.nodeId())));
    assertEquals(List.of(a, a), again, "the env's worker JVM is reused");
    List<String> b = seen(jvmTask(second, worker.nodeId()).get());
    assertEquals("two", b.get(0));
    assertEquals("null", b.get(1));
    assertTrue(!b.get(2).equals(a.get(2)), "another env, another JVM");
    NodeId driver = Ray.getRuntimeContext().getCurrentNodeId();
    List<String> onDriverNode = seen(jvmTask(first, driver).get());
    assertEquals(List.of("one", "on"), onDriverNode.subList(0, 2));
    // Nested calls work inside the worker JVM, and the child inherits the env.
    List<List<String>> nested = Ray.task(RuntimeEnvMultiJvmTest::jvmOfParentAndChild).setRuntimeEnv(second)
        .setNodeAffinity(worker.nodeId(), false).remote().get();
    seen(nested.get(1));
    assertEquals("two", nested.get(0).get(0));
    assertEquals("two", nested.get(1).get(0));
  }

  @Test
  void anActorWithEnvVarsLivesInTheWorkerJvmOfItsEnv() {
    RuntimeEnv env = RuntimeEnv.builder().envVar("RAY_ENV_TEST", "actor").build();
    ActorHandle<JvmReporter> actor = Ray.actor(JvmReporter::new).setRuntimeEnv(env)
        .setNodeAffinity(worker.nodeId(), false).remote();
    List<String> first = seen(actor.task(JvmReporter::jvm).remote().get().subList(0, 2));
    List<String> second = actor.task(JvmReporter::jvm).remote().get();
    assertEquals("actor", first.get(0));
    assertEquals(List.of("actor", first.get(1), "2"), second);
    actor.kill();
  }

  @Test
  void anIdleWorkerJvmIsStopped() throws Exception {
    RuntimeEnv env = RuntimeEnv.builder().envVar("RAY_ENV_TEST", "idle").build();
    long pid = Long.parseLong(seen(jvmTask(env, worker.nodeId()).get()).get(2));
    ProcessHandle process = ProcessHandle.of(pid).orElse(null);
    if (process != null) {
      process.onExit().get(60, TimeUnit.SECONDS); // idle timeout 3 s on the worker node
    }
    assertEquals("idle", jvmTask(env, worker.nodeId()).get().get(0), "a new one starts when needed");
  }

  @Test
  void aBadJvmOptionFailsTheWorkNamingIt() {
    RuntimeEnv env = RuntimeEnv.builder().jvmOption("-XX:+NoSuchRayOption").build();
    RayTaskException error = assertThrows(RayTaskException.class,
        () -> jvmTask(env, worker.nodeId()).get(120_000));
    assertTrue(error.getMessage().contains("runtime env") && error.getMessage().contains("NoSuchRayOption"),
        error.getMessage());
    RayTaskException notAnOption = assertThrows(RayTaskException.class,
        () -> jvmTask(RuntimeEnv.builder().jvmOption("Xmx1g").build(), worker.nodeId()).get());
    assertTrue(notAnOption.getMessage().contains("\"Xmx1g\""), notAnOption.getMessage());
  }

  @Test
  void workInAWorkerJvmGivesItsCpuBackWhileItWaits() {
    // The driver's node has 1 CPU: the parent holds it until it blocks on its child, which needs
    // it on the same node; without the CPU given back this would never finish.
    NodeId here = Ray.getRuntimeContext().getCurrentNodeId();
    RuntimeEnv env = RuntimeEnv.builder().envVar("RAY_ENV_TEST", "blocking").build();
    assertEquals("blocking", Ray.task(RuntimeEnvMultiJvmTest::envOfChildOn, here)
        .setRuntimeEnv(env).setNodeAffinity(here, false).remote().get(120_000));
  }
}
