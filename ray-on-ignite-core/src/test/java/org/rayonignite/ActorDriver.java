package org.rayonignite;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.config.RayConfig;

/**
 * Another driver process for actor tests: joins {@code args[0]} without CPUs, creates a detached
 * actor "keeper" and a non-detached actor "temp" in namespace "shared", uses them, prints
 * {@code READY}, then exits (args[1] = "exit") or waits to be killed (args[1] = "wait").
 */
public final class ActorDriver {
  private ActorDriver() {}

  public static void main(String[] args) throws InterruptedException {
    Ray.init(RayConfig.builder().address(args[0]).namespace("shared")
        .resources(Map.of("CPU", 0.0)).build());
    ActorHandle<Counter> keeper = Ray.actor(Counter::new, 100).setName("keeper")
        .setLifetime(ActorLifetime.DETACHED).remote();
    ActorHandle<Counter> temp = Ray.actor(Counter::new, 200).setName("temp").remote();
    keeper.task(Counter::increment).remote().get();
    temp.task(Counter::increment).remote().get();
    System.out.println("READY " + keeper.getId() + " " + temp.getId());
    System.out.flush();
    if (args[1].equals("wait")) {
      new CountDownLatch(1).await();
    }
    Ray.shutdown();
  }
}
