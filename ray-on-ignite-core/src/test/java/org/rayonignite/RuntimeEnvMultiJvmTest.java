package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Runtime environments over a driver (this JVM) and a worker JVM on loopback (ports
 * 49540..49549): the env travels with the work to the node that runs it.
 */
class RuntimeEnvMultiJvmTest {
  private static final String ADDRESS = TestClusters.address(49540);
  private static final RuntimeEnv JOB_ENV = RuntimeEnv.builder().config("mode", "job").build();
  private static final int HTTP_PORT = 49548;
  private static NodeProcess worker;
  @TempDir
  static Path jars;

  @BeforeAll
  static void start() {
    worker = TestClusters.worker(ADDRESS, "--resources", "CPU=2").start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(128L << 20).runtimeEnv(JOB_ENV).build());
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(worker);
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
}
