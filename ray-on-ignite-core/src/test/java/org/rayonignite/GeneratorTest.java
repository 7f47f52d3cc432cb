package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.api.WaitResult;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.api.exception.TaskCancelledException;
import org.rayonignite.config.RayConfig;

/** Streaming generators on an embedded cluster. */
class GeneratorTest {
  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().resources(Map.of("CPU", 4.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  static <T> List<T> drain(ObjectRefGenerator<T> generator) {
    List<T> values = new ArrayList<>();
    for (ObjectRef<T> ref : generator) {
      values.add(ref.get());
    }
    return values;
  }

  @Test
  void iteratorsIterablesAndStreamsStream() {
    ObjectRefGenerator<Integer> counted = Ray.task(Producers::count, 5).streaming().remote();
    assertEquals(List.of(0, 1, 2, 3, 4), drain(counted));
    assertFalse(counted.hasNext());
    assertThrows(NoSuchElementException.class, counted::next);
    assertEquals(List.of("a", "b", "c"), drain(Ray.task(Producers::letters).streaming().remote()));
    assertEquals(List.of(0, 1, 4, 9), drain(Ray.task(Producers::squares, 4).streaming().remote()));
    assertEquals(List.of(), drain(Ray.task(Producers::count, 0).streaming().remote()));
  }

  @Test
  void theFirstElementArrivesWhileTheProducerIsStillBlocked() throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    Producers.REACHED.put("blocked-go-1", go);
    ObjectRefGenerator<Integer> generator = Ray.task(Producers::gated, "blocked", 3).streaming().remote();
    ObjectRef<Integer> first = generator.next();
    assertEquals(0, first.get(10_000));
    assertEquals(1, Producers.PRODUCED.get("blocked").get()); // element 1 is not made yet
    go.countDown();
    assertEquals(List.of(1, 2), drain(generator));
  }

  @Test
  void aFailureSurfacesAtItsPositionThenTheIterationEnds() {
    ObjectRefGenerator<Integer> generator = Ray.task(Producers::failAfter, 2).streaming().remote();
    assertEquals(0, generator.next().get());
    assertEquals(1, generator.next().get());
    ObjectRef<Integer> broken = generator.next();
    RayTaskException error = assertThrows(RayTaskException.class, broken::get);
    assertInstanceOf(IllegalStateException.class, error.getCause());
    assertFalse(generator.hasNext());
  }

  @Test
  void backpressurePausesTheProducer() throws Exception {
    CountDownLatch secondMade = new CountDownLatch(1);
    CountDownLatch thirdMade = new CountDownLatch(1);
    Producers.REACHED.put("pressure-2", secondMade); // reached when element 2 is about to be made
    Producers.REACHED.put("pressure-3", thirdMade);
    ObjectRefGenerator<Integer> generator = Ray.task(Producers::gated, "pressure", 10)
        .streaming().setGeneratorBackpressure(2).remote();
    assertTrue(generator.hasNext());
    // Two elements made and none consumed: the producer waits before element 2.
    assertFalse(secondMade.await(500, TimeUnit.MILLISECONDS), "the producer did not pause");
    assertEquals(2, Producers.PRODUCED.get("pressure").get());
    assertEquals(0, generator.next().get());
    assertTrue(secondMade.await(10, TimeUnit.SECONDS));
    assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), drain(generator));
  }

  @Test
  void waitWorksOnGeneratorRefs() {
    ObjectRefGenerator<Integer> generator = Ray.task(Producers::count, 3).streaming().remote();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    generator.forEach(refs::add);
    WaitResult<Integer> result = Ray.wait(refs, 3, 10_000);
    assertEquals(refs, result.getReady());
  }

  @Test
  void cancellingAGeneratorStopsTheProducerAndKeepsWhatItMade() throws Exception {
    ObjectRefGenerator<Integer> generator = Ray.task(Producers::endless, "cancelled").streaming().remote();
    ObjectRef<Integer> first = generator.next();
    ObjectRef<Integer> second = generator.next();
    Ray.cancel(generator);
    assertEquals(0, first.get());
    assertEquals(1, second.get());
    int more = 0;
    RuntimeException end = null;
    while (generator.hasNext()) {
      try {
        generator.next().get();
        more++;
      } catch (TaskCancelledException e) {
        end = e;
      }
    }
    assertInstanceOf(TaskCancelledException.class, end, "the stream should end with the cancellation");
    assertTrue(more < 10_000);
    assertEquals(Boolean.TRUE, Producers.INTERRUPTED.get("cancelled"));
  }

  @Test
  void actorMethodsStream() {
    ActorHandle<Counter> counter = Ray.actor(Counter::new, 3).remote();
    ObjectRefGenerator<Integer> generator = counter.task(Counter::countUp, 4).streaming().remote();
    assertEquals(List.of(4, 5, 6, 7), drain(generator));
    assertEquals(8, counter.task(Counter::increment).remote().get());
  }

  @Test
  void aDroppedGeneratorStopsItsProducer() {
    startAndDrop();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (Producers.INTERRUPTED.get("dropped") == null) {
      assertTrue(System.nanoTime() < deadline, "the producer of a dropped generator kept running");
      System.gc();
    }
  }

  private static void startAndDrop() {
    ObjectRefGenerator<Integer> generator = Ray.task(Producers::endless, "dropped").streaming().remote();
    assertEquals(0, generator.next().get());
  }
}
