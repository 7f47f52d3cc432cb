package org.rayonignite.examples;

import java.util.Optional;
import org.rayonignite.Ray;
import org.rayonignite.api.actor.ActorHandle;

/**
 * Driver 2 of {@link NamedActorExample}, a program of its own: joins the cluster at the address
 * in {@code args[0]}, in the example's namespace, finds the detached counter by name and
 * increments it. Lines for people start with "driver 2: "; the last line, for driver 1, is
 * {@code RESULT <increment() result> <whether the non-detached counter was found>}. Exit code 0
 * when it found the detached counter, 1 when not, 2 on a failure.
 */
final class NamedActorSecondDriver {
  /** The start of the line that reports the result to driver 1. */
  static final String RESULT = "RESULT ";

  private NamedActorSecondDriver() {}

  public static void main(String[] args) {
    Ray.init(NamedActorExample.driverConfig(args[0]).build());
    int exitCode;
    try {
      exitCode = run();
    } catch (RuntimeException e) {
      say("failed: " + e);
      exitCode = 2;
    } finally {
      Ray.shutdown();
    }
    System.exit(exitCode);
  }

  private static int run() {
    say("joined the cluster in namespace \"" + Ray.getRuntimeContext().getNamespace() + "\"");
    Optional<ActorHandle<Counter>> counter = Ray.getActor(NamedActorExample.DETACHED_NAME);
    if (counter.isEmpty()) {
      say("Ray.getActor(\"" + NamedActorExample.DETACHED_NAME + "\") found nothing");
      System.out.println(RESULT + "-1 " + Ray.getActor(NamedActorExample.JOB_NAME).isPresent());
      return 1;
    }
    int value = counter.get().task(Counter::increment).remote().get();
    say("Ray.getActor(\"" + NamedActorExample.DETACHED_NAME + "\") found it; increment() returned "
        + value + (value == 2 ? " (its state outlived driver 1's job)" : " (expected 2)"));
    boolean jobActorFound = Ray.getActor(NamedActorExample.JOB_NAME).isPresent();
    say("Ray.getActor(\"" + NamedActorExample.JOB_NAME + "\") is present: " + jobActorFound
        + (jobActorFound ? " (expected it gone)" : " (it ended with driver 1's job)"));
    System.out.println(RESULT + value + " " + jobActorFound);
    return 0;
  }

  private static void say(String line) {
    System.out.println("driver 2: " + line);
  }
}
