package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.Ignition;
import org.apache.ignite.cache.CachePeekMode;
import org.apache.ignite.configuration.CacheConfiguration;
import org.apache.ignite.configuration.DataRegionConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.NodeInfo;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;

/**
 * Nodes from users' own Ignite Spring XML, over two JVMs on ports 49400..49409: a worker that
 * {@code ray-ignite start --spring-xml} starts (its caches, data region and attributes, plus
 * ours), and an application, this JVM, that starts its Ignite node itself from its XML and then
 * calls {@code Ray.init(ignite)}. Tasks read the user's cache where its keys live, resources and
 * labels come from the XML's attributes, and {@code Ray.shutdown()} leaves the application's node
 * and its data as they were.
 */
class SpringXmlMultiJvmTest {
  @TempDir
  static Path directory;
  private static NodeProcess worker;
  private static Ignite application;

  @BeforeAll
  static void start() {
    Path workerXml = new TestSpringXml(49400, 49409).attribute("ray.resources.CPU", "2")
        .attribute("ray.resources.widget", "1").attribute("ray.labels.zone", "xml")
        .cache("accounts", "user-region").region("user-region", 64).write(directory, "worker.xml");
    worker = NodeProcess.builder().classpath(TestClusters.classpathWithoutTests())
        .javaOptions("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1")
        .args("--spring-xml", workerXml.toString(), "--object-store-memory", String.valueOf(128L << 20))
        .start();
    // The application's own XML declares Ray's object store region, which nodes started by
    // ray-ignite add to theirs: a cache's region must exist on every node that holds it.
    Path applicationXml = new TestSpringXml(49400, 49409).attribute("ray.resources.CPU", "1")
        .attribute("ray.labels.zone", "app").cache("accounts", "user-region")
        .region("user-region", 64).region("ray-object-store", 128).write(directory, "application.xml");
    application = Ignition.start(applicationXml.toString());
    IgniteCache<Integer, String> accounts = application.cache("accounts");
    for (int key = 0; key < 200; key++) {
      accounts.put(key, "account-" + key);
    }
    Ray.init(application);
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() {
    try {
      Ray.shutdown();
      assertEquals(2, application.cluster().forServers().nodes().size(), "Ray.shutdown() left the node");
      assertEquals("account-3", application.<Integer, String>cache("accounts").get(3));
      assertEquals(200, application.cache("accounts").size(CachePeekMode.PRIMARY));
    } finally {
      if (application != null) {
        application.close();
      }
      if (worker != null) {
        worker.close();
        assertFalse(worker.isAlive(), "the worker JVM is still running");
      }
    }
  }

  static String nodeHere() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  /** The caches and data regions of the node this task runs on, and the accounts cache's region. */
  static List<String> nodeSetup() {
    Ignite ignite = TestSpringXml.localIgnite();
    List<String> setup = new ArrayList<>();
    setup.add("caches " + new TreeSet<>(ignite.cacheNames()));
    Set<String> regions = new TreeSet<>();
    for (DataRegionConfiguration region
        : ignite.configuration().getDataStorageConfiguration().getDataRegionConfigurations()) {
      regions.add(region.getName());
    }
    setup.add("regions " + regions);
    setup.add("accounts in " + ignite.cache("accounts").getConfiguration(CacheConfiguration.class)
        .getDataRegionName());
    return setup;
  }

  /** Where the task ran, and the value of {@code key} in this node's primary copy of the cache. */
  static String readHere(int key) {
    Ignite ignite = TestSpringXml.localIgnite();
    return nodeHere() + " " + ignite.<Integer, String>cache("accounts").localPeek(key, CachePeekMode.PRIMARY);
  }

  private static NodeInfo info(NodeId node) {
    return Ray.getRuntimeContext().getAllNodeInfo().stream().filter(n -> n.getNodeId().equals(node))
        .findFirst().orElseThrow();
  }

  @Test
  void resourcesAndLabelsComeFromTheXmlsAttributes() {
    assertEquals(Map.of("CPU", 2.0, "widget", 1.0), info(worker.nodeId()).getResources());
    assertEquals(Map.of("zone", "xml"), info(worker.nodeId()).getLabels());
    NodeId self = Ray.getRuntimeContext().getCurrentNodeId();
    assertEquals(Map.of("CPU", 1.0), info(self).getResources());
    assertEquals(Map.of("zone", "app"), info(self).getLabels());
    assertEquals(worker.nodeId().toString(), Ray.task(SpringXmlMultiJvmTest::nodeHere)
        .setResource("widget", 1.0).remote().get());
    assertEquals(worker.nodeId().toString(), Ray.task(SpringXmlMultiJvmTest::nodeHere)
        .setLabelSelector(Map.of("zone", "xml")).remote().get());
  }

  @Test
  void theWorkerHasTheUsersCachesAndRegionsAndOursBesideThem() {
    List<String> setup = Ray.task(SpringXmlMultiJvmTest::nodeSetup)
        .setNodeAffinity(worker.nodeId(), false).remote().get();
    String caches = setup.get(0);
    assertTrue(caches.contains("accounts") && caches.contains("ray-objects"), caches);
    assertTrue(setup.get(1).contains("user-region") && setup.get(1).contains("ray-object-store"),
        setup.get(1));
    assertEquals("accounts in user-region", setup.get(2));
  }

  @Test
  void tasksWithCacheAffinityReadTheUsersCacheWhereTheKeyLives() {
    List<ObjectRef<String>> reads = new ArrayList<>();
    for (int key = 0; key < 40; key++) {
      reads.add(Ray.task(SpringXmlMultiJvmTest::readHere, key).setAffinity("accounts", key).remote());
    }
    Set<String> nodes = new HashSet<>();
    for (int key = 0; key < 40; key++) {
      String primary = NodeId.of(application.affinity("accounts").mapKeyToNode(key).id()).toString();
      assertEquals(primary + " account-" + key, reads.get(key).get());
      nodes.add(primary);
    }
    assertEquals(2, nodes.size(), "the keys live on both nodes: " + nodes);
  }
}
