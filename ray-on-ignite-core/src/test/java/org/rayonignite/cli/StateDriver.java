package org.rayonignite.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.api.actor.ActorLifetime;
import org.rayonignite.api.exception.RayTaskException;
import org.rayonignite.config.RayConfig;

/**
 * A driver for the read-command tests, in a JVM of its own: joins the cluster at {@code args[0]}
 * without CPUs (its work runs on the other nodes), leaves a detached actor, finished and failed
 * tasks, a task no node can run, and objects, prints {@code READY <actor id> <failed task id>}, and exits when a line
 * arrives on its input.
 */
public final class StateDriver {
  /** Bytes of the objects that go to the store (above the 100 KiB inline limit). */
  static final int STORED_BYTES = 300_000;

  private StateDriver() {}

  static int square(int x) {
    return x * x;
  }

  static int fail(int x) {
    throw new IllegalStateException("task " + x + " fails on purpose");
  }

  static byte[] bytes(int size) {
    return new byte[size];
  }

  /** A counter actor. */
  public static final class Counter {
    private int count;

    public int increment() {
      return ++count;
    }
  }

  public static void main(String[] args) throws Exception {
    Ray.init(RayConfig.builder().address(args[0]).resources(Map.of("CPU", 0.0)).build());
    try {
      ActorHandle<Counter> counter = Ray.actor(Counter::new).setName("state-counter")
          .setLifetime(ActorLifetime.DETACHED).remote();
      for (int i = 0; i < 3; i++) {
        counter.task(Counter::increment).remote().get();
      }
      List<ObjectRef<Integer>> squares = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        squares.add(Ray.task(StateDriver::square, i).remote());
      }
      Ray.get(squares);
      ObjectRef<Integer> failed = Ray.task(StateDriver::fail, 7).remote();
      try {
        failed.get();
        throw new AssertionError("the failing task finished");
      } catch (RayTaskException expected) {
        // The task is listed as FAILED.
      }
      Ray.task(StateDriver::square, 8).setResource("GPU", 8.0).remote(); // no node has 8 GPUs
      Ray.task(StateDriver::bytes, STORED_BYTES).remote().get();
      Ray.put(new byte[STORED_BYTES]);
      Ray.put("a small object");
      System.out.println("READY " + counter.getId() + " " + failed.getId().getTaskId());
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } finally {
      Ray.shutdown();
    }
  }
}
