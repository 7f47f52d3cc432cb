package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;
import org.rayonignite.state.TaskInfo;

/**
 * A streaming task whose node dies (SIGKILL) mid-stream runs again elsewhere while its retries
 * allow, as other tasks do: the caller reads on from where it was, every element once and in
 * order, with or without a backpressure bound.
 */
class StreamNodeLossTest {
  private static final String ADDRESS = TestClusters.address(49620);
  private static NodeProcess survivor;
  private static NodeProcess doomed;

  @BeforeAll
  static void start() {
    List<NodeProcess> workers = NodeProcess.Builder.startAll(List.of(
        TestClusters.worker(ADDRESS, "--resources", "CPU=2"),
        TestClusters.worker(ADDRESS, "--resources", "CPU=2")));
    survivor = workers.get(0);
    doomed = workers.get(1);
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 0.0))
        .objectStoreMemoryBytes(64L << 20).build());
    MultiJvmTest.awaitNodes(3);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(survivor, doomed);
  }

  /** {@code n} elements {@code i * i}, each after {@code millis} of work. */
  static Iterator<Integer> squares(int n, int millis) {
    return new Iterator<>() {
      int next;

      @Override
      public boolean hasNext() {
        return next < n;
      }

      @Override
      public Integer next() {
        if (next >= n) {
          throw new NoSuchElementException();
        }
        try {
          Thread.sleep(millis);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
        return next * next++;
      }
    };
  }

  private static List<Integer> read(Iterator<ObjectRef<Integer>> stream, int count,
      List<org.rayonignite.api.TaskId> tasks) {
    List<Integer> values = new ArrayList<>();
    for (int i = 0; i < count && stream.hasNext(); i++) {
      ObjectRef<Integer> element = stream.next();
      values.add(element.get(60_000));
      tasks.add(element.getId().getTaskId());
    }
    return values;
  }

  @Test
  void aStreamWhoseNodeDiesRunsAgainAndTheCallerReadsOn() {
    // Unbounded: 200 elements of 25 ms, far from done when the node dies after the 10th is read.
    ObjectRefGenerator<Integer> free = Ray.task(StreamNodeLossTest::squares, 200, 25)
        .setNodeAffinity(doomed.nodeId(), true).streaming().remote();
    // Bounded: the producer waits 3 elements ahead of the caller, so it is mid-stream for sure.
    ObjectRefGenerator<Integer> bounded = Ray.task(StreamNodeLossTest::squares, 40, 1)
        .setNodeAffinity(doomed.nodeId(), true).streaming().setGeneratorBackpressure(3).remote();
    List<org.rayonignite.api.TaskId> tasks = new ArrayList<>();
    List<Integer> freeValues = read(free, 10, tasks);
    List<Integer> boundedValues = read(bounded, 10, tasks);

    doomed.kill();

    freeValues.addAll(read(free, Integer.MAX_VALUE, tasks));
    boundedValues.addAll(read(bounded, Integer.MAX_VALUE, tasks));
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      expected.add(i * i);
    }
    assertEquals(expected, freeValues);
    assertEquals(expected.subList(0, 40), boundedValues);
    assertEquals(2, new java.util.HashSet<>(tasks).size());
    for (org.rayonignite.api.TaskId id : new java.util.LinkedHashSet<>(tasks)) {
      TaskInfo task = RayState.listTasks().stream().filter(t -> t.getTaskId().equals(id))
          .findFirst().orElseThrow();
      assertEquals(2, task.getAttempts(), task.toString());
      assertEquals(survivor.nodeId(), task.getNodeId(), task.toString());
    }
  }
}
