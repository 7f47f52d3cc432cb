package org.rayonignite;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.rayonignite.api.actor.ActorHandle;

/** The core-concepts article's Counter, plus what the actor tests need. */
public class Counter {
  private int value;
  private final List<String> log = new ArrayList<>();

  public Counter() {}

  public Counter(int start) {
    this.value = start;
  }


  public int increment() {
    return ++value;
  }

  public int add(int amount) {
    value += amount;
    return value;
  }

  /** Streams the next {@code n} values of the counter. */
  public java.util.Iterator<Integer> countUp(int n) {
    java.util.List<Integer> values = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      values.add(++value);
    }
    return values.iterator();
  }

  public int getCounter() {
    return value;
  }

  public void reset() {
    value = 0;
  }

  /** Records calls in order, per caller tag. */
  public int record(String caller, int number) {
    log.add(caller + ":" + number);
    return log.size();
  }

  public List<String> log() {
    return log;
  }

  public int sleepThenGet(int millis) throws InterruptedException {
    Thread.sleep(millis);
    return value;
  }

  public CompletableFuture<Integer> incrementLater(int millis) {
    CompletableFuture<Integer> result = new CompletableFuture<>();
    CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS).execute(() -> result.complete(++value));
    return result;
  }

  public String whoAmI() {
    return Ray.getRuntimeContext().getCurrentActorId() + "/" + Ray.getRuntimeContext().getCurrentNodeId()
        + "/" + Ray.getRuntimeContext().wasCurrentActorRestarted();
  }

  public int callThroughOwnHandle() {
    ActorHandle<Counter> self = Ray.getRuntimeContext().getCurrentActorHandle();
    return self.getId().equals(Ray.getRuntimeContext().getCurrentActorId()) ? 1 : 0;
  }

  public int exit() {
    Ray.exitActor();
    return -1;
  }

  public int fail() {
    throw new IllegalArgumentException("counter failure");
  }

  /** Increments through another counter's handle: handles travel as values. */
  public static int incrementThrough(ActorHandle<Counter> counter) {
    return counter.task(Counter::increment).remote().get();
  }

  public int awaitLatch(String name) throws InterruptedException {
    Latches.await(name);
    return value;
  }

  /** An actor with one constructor, so a ref argument picks its overload without a cast. */
  public static final class Tally {
    private int value;

    public Tally(int start) {
      this.value = start;
    }

    public int increment() {
      return ++value;
    }
  }

  /** An actor whose constructor takes six arguments. */
  public static final class Six {
    private final int value;

    public Six(int start, int step, String a, String b, String c, String d) {
      this.value = start + step + a.length() + b.length() + c.length() + d.length();
    }

    public int value() {
      return value;
    }
  }

  /** A counter whose constructor fails. */
  public static final class Broken {
    public Broken() {
      throw new IllegalStateException("constructor broke");
    }

    public int ping() {
      return 1;
    }
  }

}
