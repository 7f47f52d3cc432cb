package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.cache.CachePeekMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * A node that Ignite's own launcher starts ({@code CommandLineStartup config.xml}, what
 * {@code ignite.sh config.xml} runs), with this project's jars on its class path and a
 * {@link RayLifecycleBean} in its XML, is a full Ray node: a driver in this JVM (ports
 * 49410..49419) runs tasks and an actor there, and the node stops cleanly on SIGTERM.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IgniteLauncherTest {
  private static final String ADDRESS = "127.0.0.1:49410..49419";
  @TempDir
  static Path directory;
  private static Process launcher;
  private static final StringBuffer output = new StringBuffer();
  private static Thread outputReader;
  private static final CompletableFuture<Void> rayStarted = new CompletableFuture<>();

  @BeforeAll
  static void start() throws Exception {
    Path xml = new TestSpringXml(49410, 49419).attribute("ray.resources.CPU", "2")
        .attribute("ray.labels.started-by", "ignite.sh").cache("inventory", null)
        .region("ray-object-store", 128).lifecycleBean(RayLifecycleBean.class.getName())
        .write(directory, "ignite-node.xml");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(NodeProcess.jvmFlags());
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Djava.net.preferIPv4Stack=true", "-DIGNITE_UPDATE_NOTIFIER=false",
        "-cp", TestClusters.classpathWithoutTests(),
        "org.apache.ignite.startup.cmdline.CommandLineStartup", xml.toString()));
    launcher = new ProcessBuilder(command).redirectErrorStream(true).start();
    outputReader = new Thread(() -> copy(launcher.getInputStream()), "ignite-launcher-output");
    outputReader.setDaemon(true);
    outputReader.start();
    // The driver joins once the node is up. Joining while a node's first partition exchange is
    // still running, with static caches that node lacks (Ray's, which the bean creates only
    // after start), can fail that node in Ignite 2.17 ("Failed to find completed exchange future").
    rayStarted.get(60, TimeUnit.SECONDS);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 1.0))
        .objectStoreMemoryBytes(128L << 20).build());
    awaitRayNodes(2);
  }

  @AfterAll
  static void stop() throws InterruptedException {
    Ray.shutdown();
    if (launcher != null && launcher.isAlive()) {
      launcher.destroyForcibly();
      launcher.waitFor(30, TimeUnit.SECONDS);
    }
  }

  private static void copy(InputStream in) {
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        output.append(line).append('\n');
        if (line.contains("Ray on Ignite node ")) { // the runtime's start line, logged by the bean's runtime
          rayStarted.complete(null);
        }
      }
    } catch (IOException e) {
      output.append("(reading the launcher's output failed: ").append(e).append(")\n");
    }
    rayStarted.completeExceptionally(new IllegalStateException("the launcher exited:\n" + output));
  }

  /** Waits until {@code count} Ray nodes are in the cluster, or fails with the launcher's output. */
  private static void awaitRayNodes(int count) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (Ray.getRuntimeContext().getAllNodeInfo().size() != count) {
      if (System.nanoTime() > deadline || !launcher.isAlive()) {
        throw new AssertionError("Ray nodes: " + Ray.getRuntimeContext().getAllNodeInfo()
            + ", expected " + count + "; the launcher's output:\n" + output);
      }
      Thread.onSpinWait();
    }
  }

  private static NodeInfo launcherNode() {
    return Ray.getRuntimeContext().getAllNodeInfo().stream()
        .filter(n -> "ignite.sh".equals(n.getLabels().get("started-by"))).findFirst().orElseThrow();
  }

  static String nodeHere() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  /** Entries of the inventory cache whose primary copy is on this task's node. */
  static int inventoryHere() {
    return TestSpringXml.localIgnite().cache("inventory").localSize(CachePeekMode.PRIMARY);
  }

  @Test
  @Order(1)
  void tasksAndActorsRunOnTheNodeIgnitesLauncherStarted() {
    NodeInfo node = launcherNode();
    assertEquals(Map.of("CPU", 2.0), node.getResources());
    List<ObjectRef<String>> refs = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      refs.add(Ray.task(IgniteLauncherTest::nodeHere).setLabelSelector(Map.of("started-by", "ignite.sh"))
          .remote());
    }
    for (ObjectRef<String> ref : refs) {
      assertEquals(node.getNodeId().toString(), ref.get());
    }
    ActorHandle<Counter> counter = Ray.actor(Counter::new).setNodeAffinity(node.getNodeId(), false).remote();
    counter.task(Counter::increment).remote();
    assertEquals(2, counter.task(Counter::increment).remote().get());
    TestSpringXml.localIgnite().<Integer, String>cache("inventory").putAll(Map.of(1, "a", 2, "b", 3, "c", 4, "d"));
    int here = Ray.task(IgniteLauncherTest::inventoryHere).setNodeAffinity(node.getNodeId(), false).remote().get();
    assertEquals(4, here + inventoryHere(), "the user's cache from the XML spans both nodes");
  }

  @Test
  @Order(2) // stops the node the first one uses
  void sigtermStopsRayThenTheNodeAndTheJvmExits() throws InterruptedException {
    ObjectRef<String> before = Ray.task(IgniteLauncherTest::nodeHere)
        .setLabelSelector(Map.of("started-by", "ignite.sh")).remote();
    assertEquals(launcherNode().getNodeId().toString(), before.get());
    // SIGTERM (through the handle: Process.destroy would also close the output we read): Ignite's
    // shutdown hook stops the node, and the bean stops Ray on it first.
    launcher.toHandle().destroy();
    assertTrue(launcher.waitFor(30, TimeUnit.SECONDS), "the launcher did not exit:\n" + output);
    awaitRayNodes(1);
    outputReader.join(TimeUnit.SECONDS.toMillis(10)); // it ends with the output
    String log = output.toString();
    assertTrue(log.contains("Ignite node stopped OK"), log);
    assertFalse(log.contains("Failed to notify lifecycle bean") || log.contains("SEVERE"), log);
  }
}
