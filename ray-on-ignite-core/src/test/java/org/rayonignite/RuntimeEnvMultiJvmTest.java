package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
  private static NodeProcess worker;

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
}
