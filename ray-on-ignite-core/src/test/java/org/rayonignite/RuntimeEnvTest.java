package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.config.RayConfig;

/** Runtime environments in one embedded node: which env work sees (config entries). */
class RuntimeEnvTest {
  private static final RuntimeEnv JOB_ENV = RuntimeEnv.builder().config("mode", "job")
      .config("owner", "team-a").build();

  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 4.0)).runtimeEnv(JOB_ENV).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static Map<String, String> config() {
    return Ray.getRuntimeContext().getCurrentRuntimeEnv().getConfig();
  }

  static Map<String, String> configOfChild() {
    return Ray.task(RuntimeEnvTest::config).remote().get();
  }

  static Map<String, String> configOfChildWith(String key, String value) {
    return Ray.task(RuntimeEnvTest::config)
        .setRuntimeEnv(RuntimeEnv.builder().config(key, value).build()).remote().get();
  }

  /** An actor that reports the env its methods run in. */
  static final class EnvReporter {
    Map<String, String> config() {
      return RuntimeEnvTest.config();
    }
  }

  @Test
  void theDriverSeesTheJobsEnv() {
    assertEquals(JOB_ENV, Ray.getRuntimeContext().getCurrentRuntimeEnv());
  }

  @Test
  void aTaskSeesTheJobsEnvWithItsOwnEntriesOnTop() {
    assertEquals(Map.of("mode", "job", "owner", "team-a"), Ray.task(RuntimeEnvTest::config).remote().get());
    RuntimeEnv taskEnv = RuntimeEnv.builder().config("mode", "task").config("extra", "1").build();
    assertEquals(Map.of("mode", "task", "owner", "team-a", "extra", "1"),
        Ray.task(RuntimeEnvTest::config).setRuntimeEnv(taskEnv).remote().get());
  }

  @Test
  void childrenInheritTheirParentsEnv() {
    RuntimeEnv taskEnv = RuntimeEnv.builder().config("mode", "parent").build();
    assertEquals(Map.of("mode", "parent", "owner", "team-a"),
        Ray.task(RuntimeEnvTest::configOfChild).setRuntimeEnv(taskEnv).remote().get());
    assertEquals(Map.of("mode", "child", "owner", "team-a"),
        Ray.task(RuntimeEnvTest::configOfChildWith, "mode", "child").setRuntimeEnv(taskEnv).remote().get());
  }

  @Test
  void anActorsMethodsSeeTheActorsEnv() {
    ActorHandle<EnvReporter> actor = Ray.actor(EnvReporter::new)
        .setRuntimeEnv(RuntimeEnv.builder().config("mode", "actor").build()).remote();
    assertEquals(Map.of("mode", "actor", "owner", "team-a"), actor.task(EnvReporter::config).remote().get());
  }
}
