package org.rayonignite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rayonignite.examples.DataLocalBatchJob.Options;
import org.rayonignite.examples.DataLocalBatchJob.Report;

/**
 * The data-local batch job on a cluster of three JVMs (this one as the driver and two workers it
 * starts), on loopback ports of its own: the result is right, the map tasks run where their
 * partitions are, and the worker JVMs are gone afterwards, whether the job passed or not.
 */
class DataLocalBatchJobTest {
  private static final String ADDRESS = "127.0.0.1:48700..48709";

  @Test
  @Timeout(value = 240, unit = TimeUnit.SECONDS)
  void mapTasksRunNextToTheirPartitionsAndTheResultIsRight() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Report report;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      report = DataLocalBatchJob.runOnOwnCluster(ADDRESS, new Options(64, 500, false), out);
    } finally {
      System.out.print(captured.toString(StandardCharsets.UTF_8));
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertEquals(3, report.nodes(), output);
    assertTrue(report.correct(), output);
    assertTrue(output.contains("(correct)"), output);
    assertEquals(64, report.mapTasks(), output);
    assertEquals(63, report.reduceTasks(), output);
    assertTrue(report.dataLocalFraction() >= 0.99, "data-local fraction " + report.dataLocalFraction()
        + "\n" + output);
    assertEquals(64, report.mapTasksInputsLocal(), output);
    // Map tasks read only their local partition and the aggregates are small (inline): nothing
    // is fetched from another node's object store.
    assertEquals(0, report.bytesFetched(), output);
    assertTrue(report.minimumBytes() > 0 && report.bytesMoved() >= report.minimumBytes(), output);
  }

  /** Whatever the test did, the worker JVMs it started are stopped. */
  @AfterEach
  void noWorkerJvmIsLeft() throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    List<ProcessHandle> alive;
    while (!(alive = ProcessHandle.current().children().filter(ProcessHandle::isAlive).toList()).isEmpty()
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(alive.isEmpty(), "worker JVMs still running: " + alive);
  }
}
