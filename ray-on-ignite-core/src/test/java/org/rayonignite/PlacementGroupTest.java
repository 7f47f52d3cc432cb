package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ActorState;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.exception.RayActorException;
import org.rayonignite.api.exception.RayException;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.api.placement.PlacementGroupState;
import org.rayonignite.api.placement.PlacementStrategy;
import org.rayonignite.config.RayConfig;

/** Placement groups on one embedded node with 4 CPUs and 1 GPU. */
class PlacementGroupTest {
  private static final Map<String, Double> ONE_CPU = Map.of("CPU", 1.0);

  @BeforeAll
  static void start() {
    Ray.init(RayConfig.builder().namespace("pg-test").resources(Map.of("CPU", 4.0, "GPU", 1.0)).build());
  }

  @AfterAll
  static void stop() {
    Ray.shutdown();
  }

  private static PlacementGroup create(PlacementStrategy strategy, List<Map<String, Double>> bundles) {
    return PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
        .setBundles(bundles).setStrategy(strategy).build());
  }

  private static double freeCpu() {
    return Ray.getRuntimeContext().getAvailableResources().get("CPU");
  }

  @Test
  void aGroupIsCreatedAndReservesItsResources() {
    PlacementGroup pg = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions.builder()
        .setName("pair").setBundles(List.of(ONE_CPU, ONE_CPU)).setStrategy(PlacementStrategy.STRICT_PACK).build());
    assertTrue(pg.wait(30));
    assertEquals(PlacementGroupState.CREATED, pg.getState());
    assertEquals(List.of(ONE_CPU, ONE_CPU), pg.getBundles());
    assertEquals(PlacementStrategy.STRICT_PACK, pg.getStrategy());
    assertEquals("pair", pg.getName());
    assertEquals(2.0, freeCpu(), 1e-9);
    assertEquals(pg.getId(), PlacementGroups.getPlacementGroup("pair").getId());
    assertEquals(pg.getId(), PlacementGroups.getPlacementGroup(pg.getId()).getId());
    assertTrue(PlacementGroups.getAllPlacementGroups().stream().anyMatch(g -> g.getId().equals(pg.getId())));
    assertThrows(IllegalArgumentException.class, () -> PlacementGroups.createPlacementGroup(
        PlacementGroupCreationOptions.builder().setName("pair").setBundles(List.of(ONE_CPU)).build()));
    PlacementGroups.removePlacementGroup(pg.getId());
    assertEquals(PlacementGroupState.REMOVED, pg.getState());
    assertThrows(RayException.class, () -> pg.wait(1));
    PlacementGroups.removePlacementGroup(pg.getId()); // twice: harmless
    assertEquals(4.0, freeCpu(), 1e-9);
  }

  @Test
  void aGroupThatCannotFitStaysPending() {
    PlacementGroup spread = create(PlacementStrategy.STRICT_SPREAD, List.of(ONE_CPU, ONE_CPU));
    assertFalse(spread.wait(1));
    assertEquals(PlacementGroupState.PENDING, spread.getState());
    PlacementGroup tooBig = create(PlacementStrategy.PACK, List.of(Map.of("CPU", 8.0)));
    assertFalse(tooBig.wait(1));
    PlacementGroups.removePlacementGroup(spread.getId());
    PlacementGroups.removePlacementGroup(tooBig.getId());
    assertEquals(4.0, freeCpu(), 1e-9);
  }

  @Test
  void tasksUseTheirBundleAndWaitWhenItIsFull() {
    PlacementGroup pg = create(PlacementStrategy.PACK, List.of(ONE_CPU, Map.of("CPU", 1.0, "GPU", 1.0)));
    assertTrue(pg.wait(30));
    Sleepy.reset();
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      refs.add(Ray.task(Sleepy::sleepAndCount, 50).setPlacementGroup(pg, 0).remote());
    }
    Ray.get(refs);
    // The node has two more CPUs free, but bundle 0 holds one: its tasks run one at a time.
    assertEquals(1, Sleepy.MAX_CONCURRENT.get());
    assertEquals(7, Ray.task(TaskTest::one, 7).setResource("GPU", 1.0).setPlacementGroup(pg, 1).remote().get());
    assertEquals(8, Ray.task(TaskTest::one, 8).setPlacementGroup(pg).remote().get());
    IllegalArgumentException tooBig = assertThrows(IllegalArgumentException.class,
        () -> Ray.task(TaskTest::one, 1).setResource("CPU", 2.0).setPlacementGroup(pg, 0).remote());
    assertTrue(tooBig.getMessage().contains("bundle 0"), tooBig.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Ray.task(TaskTest::one, 1).setPlacementGroup(pg, 2).remote());
    PlacementGroups.removePlacementGroup(pg.getId());
  }

  @Test
  void removalCancelsTheGroupsTasksAndKillsItsActors() throws Exception {
    PlacementGroup pg = create(PlacementStrategy.PACK, List.of(ONE_CPU, ONE_CPU));
    assertTrue(pg.wait(30));
    CountDownLatch started = Cancellable.watch("in-group");
    ObjectRef<String> running = Ray.task(Cancellable::sleep, "in-group", 60_000).setPlacementGroup(pg, 0).remote();
    ObjectRef<String> queued = Ray.task(Cancellable::sleep, "in-group-queued", 10).setPlacementGroup(pg, 0).remote();
    ActorHandle<Counter> actor = Ray.actor(Counter::new).setPlacementGroup(pg, 1).remote();
    assertEquals(1, actor.task(Counter::increment).remote().get());
    assertTrue(started.await(10, TimeUnit.SECONDS));
    PlacementGroups.removePlacementGroup(pg.getId());
    assertThrows(RayException.class, () -> running.get(10_000));
    assertThrows(RayException.class, () -> queued.get(10_000));
    ActorTest.awaitDead(actor);
    assertThrows(RayActorException.class, () -> actor.task(Counter::increment).remote().get(10_000));
    assertTrue(ActorTest.info(actor).getDeathCause().contains("placement group"));
    assertThrows(RayException.class, () -> Ray.task(TaskTest::one, 1).setPlacementGroup(pg, 0).remote().get(10_000));
  }

  @Test
  void aTaskWaitsForItsGroupToBePlaced() {
    PlacementGroup blocker = create(PlacementStrategy.PACK, List.of(Map.of("CPU", 4.0)));
    assertTrue(blocker.wait(30));
    PlacementGroup later = create(PlacementStrategy.PACK, List.of(Map.of("CPU", 2.0)));
    ObjectRef<Integer> waiting = Ray.task(TaskTest::one, 5).setPlacementGroup(later, 0).remote();
    assertThrows(org.rayonignite.api.exception.RayTimeoutException.class, () -> waiting.get(500));
    PlacementGroups.removePlacementGroup(blocker.getId());
    assertTrue(later.wait(30));
    assertEquals(5, waiting.get(30_000));
    PlacementGroups.removePlacementGroup(later.getId());
    assertNull(PlacementGroups.getPlacementGroup("never-made"));
  }
}
