package org.rayonignite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rayonignite.Ray;
import org.rayonignite.api.NodeId;
import org.rayonignite.api.placement.PlacementGroupState;

/**
 * The examples run and show what they mean to show, on one embedded one-node cluster (as
 * {@code Main} runs them): every section through {@code Main}, and the newer sections' results one
 * by one.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ExamplesTest {
  @BeforeAll
  static void startRay() {
    Ray.init();
  }

  @AfterAll
  static void stopRay() {
    Ray.shutdown();
  }

  @Test
  void mainRunsEveryExample() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Main.runExamples();
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);
    assertTrue(output.contains("myFunction() as a task returned 1"), output);
    assertTrue(output.contains("functionWithAnArgument(objRef1) returned 2"), output);
    assertTrue(output.contains("return_multiple: 3 refs holding [0, 1, 2]"), output);
    assertTrue(output.contains("streaming generator: read [0, 1, 2]"), output);
    assertTrue(output.contains("Ray.cancel interrupted it; get threw TaskCancelledException"), output);
    assertTrue(output.contains("put 0, 1, 2 and got [0, 1, 2]"), output);
    assertTrue(output.contains("RayTimeoutException"), output);
    assertTrue(output.contains("waits for a node with 2 GPUs"), output);
    assertTrue(output.contains("the first of them, five more increments: [2, 3, 4, 5, 6]; getCounter() = 6"),
        output);
    assertTrue(output.contains("after kill(), getCounter() threw RayActorException"), output);
    assertTrue(output.contains("removed pack_pg: state REMOVED"), output);
    assertTrue(output.contains("(correct)"), output);
  }

  @Test
  void actorsKeepStateRunAsyncAndConcurrentMethodsAndDieWhenKilled() {
    ActorsExamples.Results results = ActorsExamples.run();
    assertEquals(1, results.firstIncrement());
    assertEquals(Collections.nCopies(10, 1), results.tenCounters());
    // One caller's calls run in order on one actor, and see each other's effects.
    assertEquals(List.of(2, 3, 4, 5, 6), results.fiveMoreIncrements());
    assertEquals(6, results.counterAfterwards());
    // The pending receive() did not block the send() that completed it.
    assertEquals("hello", results.asyncReceived());
    assertEquals(List.of(true, true), results.metWithMaxConcurrency2());
    // One at a time: the first call waited alone and timed out; the second found it had arrived.
    assertEquals(List.of(false, true), results.metWithMaxConcurrency1());
    assertEquals("RayActorException", results.callAfterKill());
    assertTrue(results.namedFound());
    assertTrue(results.namedIsSameActor());
    assertEquals(1, results.namedCounter());
    assertFalse(results.unknownNameFound());
  }

  @Test
  void tasksReturnOneOrSeveralObjectsStreamAndCancel() {
    ReturnsAndCancelExamples.Results results = ReturnsAndCancelExamples.run();
    assertEquals(List.of(0, 1, 2), results.single());
    assertEquals(3, results.multipleRefs());
    assertEquals(List.of(0, 1, 2), results.multiple());
    assertEquals(List.of(0, 1, 2), results.generated());
    // The producer makes each element only after the one before was read: this list is complete
    // only if every element reached the driver while the task still ran.
    assertEquals(List.of(0, 1, 2), results.streamed());
    assertEquals("TaskCancelledException", results.cancelled());
  }

  @Test
  void placementGroupsReservePlaceAndRemove() {
    PlacementGroupsExamples.Results results = PlacementGroupsExamples.run();
    NodeId onlyNode = Ray.getRuntimeContext().getCurrentNodeId();
    assertTrue(results.spreadCreated());
    assertEquals(PlacementGroupState.CREATED, results.spreadState());
    // SPREAD is best effort: on one node both bundles, and so both actors, are on it.
    assertEquals(List.of(onlyNode, onlyNode), results.spreadActorNodes());
    assertTrue(results.packCreated());
    assertEquals(249_999L * 250_000L / 2, results.sum().value());
    assertEquals(249_999L, results.max().value());
    assertEquals(onlyNode, results.sum().nodeId());
    assertEquals(onlyNode, results.max().nodeId());
    assertEquals(PlacementGroupState.REMOVED, results.spreadStateAfterRemove());
    assertEquals(PlacementGroupState.REMOVED, results.packStateAfterRemove());
    assertEquals("RayException", results.waitAfterRemove());
  }
}
