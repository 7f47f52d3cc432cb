package org.rayonignite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.cache.CachePeekMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rayonignite.Ray;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.examples.DataLocalBatchJob.Options;
import org.rayonignite.examples.DataLocalBatchJob.Report;

/**
 * The data-local batch job on two nodes from {@code examples/spring/sales-node.xml} (its port
 * range moved to 49430..49439): a worker JVM that {@code ray-ignite start --spring-xml} starts,
 * and this JVM as a driver node from the same file ({@code RayConfig.springXml}). The job loads
 * and reads the XML's {@code sales} cache where each partition lives, and leaves the cache in
 * place.
 */
class SpringXmlBatchJobTest {
  private static final Path EXAMPLE_XML = Path.of("spring", "sales-node.xml");

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void theJobReadsTheCacheTheSpringXmlDeclares(@TempDir Path directory) throws Exception {
    String xml = Files.readString(EXAMPLE_XML);
    assertTrue(xml.contains("127.0.0.1:47500..47509") && xml.contains("\"47500\""), "the example's ports moved");
    Path ours = Files.writeString(directory.resolve("sales-node.xml"),
        xml.replace("127.0.0.1:47500..47509", "127.0.0.1:49430..49439").replace("\"47500\"", "\"49430\""));
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (NodeProcess worker = NodeProcess.builder().javaOptions("-Xmx512m", "-XX:TieredStopAtLevel=1")
        .args("--spring-xml", ours.toString()).start();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      Ray.init(RayConfig.builder().springXml(ours.toString()).build());
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (Ray.getRuntimeContext().getAllNodeInfo().size() < 2 && System.nanoTime() < deadline) {
          Thread.onSpinWait(); // the worker's node record reaches this node's view
        }
        Report report = DataLocalBatchJob.run(new Options(64, 500, false), out);
        String output = captured.toString(StandardCharsets.UTF_8);
        assertTrue(report.correct(), output);
        assertEquals(2, report.nodes(), output);
        assertEquals(64, report.mapTasks(), output);
        assertTrue(report.dataLocalFraction() >= 0.99, output);
        assertTrue(output.contains("cache \"sales\" (the cluster's): PARTITIONED, 0 backups, 64 partitions"),
            output);
        Ignite driver = DataLocalBatchJob.localIgnite();
        assertTrue(driver.cacheNames().contains("sales"), "the job left the user's cache");
        assertEquals(64 * 500, driver.cache("sales").size(CachePeekMode.PRIMARY));
      } finally {
        Ray.shutdown();
        System.out.print(captured.toString(StandardCharsets.UTF_8));
      }
      worker.close();
      assertFalse(worker.isAlive(), "the worker JVM is still running");
    }
  }
}
