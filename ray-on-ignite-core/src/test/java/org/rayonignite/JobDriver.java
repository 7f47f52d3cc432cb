package org.rayonignite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.placement.PlacementGroup;
import org.rayonignite.api.placement.PlacementGroupCreationOptions;
import org.rayonignite.config.RayConfig;

/**
 * A driver of its own JVM for {@link OwnerDeathTest}: leaves work of its job on the cluster (a
 * running task, an actor, an actor made by one of its tasks, a placement group, a stored task
 * result), prints {@code READY} and waits for its stdin to close (or to be killed).
 */
public final class JobDriver {
  private JobDriver() {}

  /** Runs until cancelled, saying so to {@code log}. */
  static String runUntilCancelled(ActorHandle<Counter> log) {
    log.task(Counter::record, "orphan started", 0).remote().get();
    try {
      Thread.sleep(120_000);
      return "not cancelled";
    } catch (InterruptedException e) {
      log.task(Counter::record, "orphan interrupted", 0).remote().get();
      return "cancelled";
    }
  }

  /** Makes a named (not detached) actor of the job and returns. */
  static String makeActor(String name) {
    ActorHandle<Counter> actor = Ray.actor(Counter::new).setName(name).setResource("CPU", 0.0).remote();
    return "made " + actor.task(Counter::increment).remote().get();
  }

  public static void main(String[] args) throws Exception {
    Ray.init(RayConfig.builder().address(args[0]).namespace("owner-death")
        .resources(Map.of("CPU", 0.0)).build());
    try {
      ActorHandle<Counter> log = Ray.<Counter>getActor("job-log").orElseThrow();
      ObjectRef<String> orphan = Ray.task(JobDriver::runUntilCancelled, log).remote();
      ActorHandle<Counter> actor = Ray.actor(Counter::new).setName("job-actor")
          .setResource("CPU", 0.0).remote();
      actor.task(Counter::increment).remote().get();
      Ray.task(JobDriver::makeActor, "nested-actor").remote().get();
      PlacementGroup group = PlacementGroups.createPlacementGroup(PlacementGroupCreationOptions
          .builder().setName("job-group").setBundles(List.of(Map.of("CPU", 0.5))).build());
      if (!group.wait(60)) {
        throw new IllegalStateException("the group was not placed");
      }
      ObjectRef<byte[]> stored = Ray.task(MultiJvmTest::largeBytes, 3).remote();
      Ray.wait(List.of(stored), 1, 60_000, false);
      while (!log.task(Counter::log).remote().get().contains("orphan started:0")) {
        Thread.onSpinWait();
      }
      System.out.println("READY " + orphan.getId());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } finally {
      Ray.shutdown();
    }
  }
}
