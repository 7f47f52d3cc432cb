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
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.options.RuntimeEnv;
import org.rayonignite.config.RayConfig;

/** Runtime environments in one embedded node: which env work sees (config entries), and jars. */
class RuntimeEnvTest {
  /** The http server of the jar tests (one port of this class's range 49540..49569). */
  private static final int HTTP_PORT = 49569;
  @TempDir
  static Path jars;

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

  @Test
  void tasksWithTwoVersionsOfAClassInTheirJarsEachSeeTheirOwn() {
    RuntimeEnv v1 = RuntimeEnv.builder().jar(TestJars.greeter(jars, "v1").toString()).build();
    RuntimeEnv v2 = RuntimeEnv.builder().jar(TestJars.greeter(jars, "v2").toUri().toString()).build();
    List<ObjectRef<String>> versions = List.of(
        Ray.task(TestJars::greeterVersion).setRuntimeEnv(v1).remote(),
        Ray.task(TestJars::greeterVersion).setRuntimeEnv(v2).remote(),
        Ray.task(TestJars::greeterVersion).setRuntimeEnv(v1).remote());
    assertEquals(List.of("v1", "v2", "v1"), Ray.get(versions));
    assertEquals(List.of("v2", "v2"), Ray.task(TestJars::greeterVersionOfParentAndChild)
        .setRuntimeEnv(v2).remote().get());
    ActorHandle<TestJars.GreeterHost> one = Ray.actor(TestJars.GreeterHost::new).setRuntimeEnv(v1).remote();
    ActorHandle<TestJars.GreeterHost> two = Ray.actor(TestJars.GreeterHost::new).setRuntimeEnv(v2).remote();
    assertEquals("hello ann from v1", one.task(TestJars.GreeterHost::greet, "ann").remote().get());
    assertEquals("hello bob from v2", two.task(TestJars.GreeterHost::greet, "bob").remote().get());
    RayTaskException withoutJars = assertThrows(RayTaskException.class,
        () -> Ray.task(TestJars::greeterVersion).remote().get());
    assertTrue(withoutJars.getMessage().contains("ClassNotFoundException"), withoutJars.getMessage());
  }

  @Test
  void anHttpJarIsDownloadedAndAMissingJarFailsTheTaskNamingIt() {
    Path v3 = TestJars.greeter(jars, "v3");
    HttpServer server = TestJars.serve(v3, HTTP_PORT);
    try {
      String url = "http://127.0.0.1:" + HTTP_PORT + "/" + v3.getFileName();
      RuntimeEnv overHttp = RuntimeEnv.builder().jar(url).build();
      assertEquals(List.of("v3", "v3"), Ray.get(List.of(
          Ray.task(TestJars::greeterVersion).setRuntimeEnv(overHttp).remote(),
          Ray.task(TestJars::greeterVersion).setRuntimeEnv(overHttp).remote())));
      String missingUrl = "http://127.0.0.1:" + HTTP_PORT + "/nothing.jar";
      RayTaskException notServed = assertThrows(RayTaskException.class, () -> Ray.task(TestJars::greeterVersion)
          .setRuntimeEnv(RuntimeEnv.builder().jar(missingUrl).build()).remote().get());
      assertTrue(notServed.getMessage().contains("runtime env") && notServed.getMessage().contains(missingUrl)
          && notServed.getMessage().contains("404"), notServed.getMessage());
    } finally {
      server.stop(0);
    }
    String missing = jars.resolve("no-such.jar").toString();
    RayTaskException noFile = assertThrows(RayTaskException.class, () -> Ray.task(TestJars::greeterVersion)
        .setRuntimeEnv(RuntimeEnv.builder().jar(missing).build()).remote().get());
    assertTrue(noFile.getMessage().contains("runtime env") && noFile.getMessage().contains(missing),
        noFile.getMessage());
    ActorHandle<TestJars.GreeterHost> actor = Ray.actor(TestJars.GreeterHost::new)
        .setRuntimeEnv(RuntimeEnv.builder().jar(missing).build()).remote();
    RayActorException dead = assertThrows(RayActorException.class,
        () -> actor.task(TestJars.GreeterHost::greet, "x").remote().get());
    assertTrue(dead.getMessage().contains(missing), dead.getMessage());
  }

  @Test
  void envVarsNeedANodeThatAWorkerJvmCanJoin() {
    RayTaskException error = assertThrows(RayTaskException.class, () -> Ray.task(RuntimeEnvTest::config)
        .setRuntimeEnv(RuntimeEnv.builder().envVar("MODE", "x").build()).remote().get());
    assertTrue(error.getMessage().contains("runtime env") && error.getMessage().contains("RayConfig.address"),
        error.getMessage());
  }
}
