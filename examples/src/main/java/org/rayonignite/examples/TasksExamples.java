package org.rayonignite.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.WaitResult;
import org.rayonignite.api.exception.RayTimeoutException;

/** The Java snippets of Ray's "Tasks" page, with our names. */
public final class TasksExamples {
  private TasksExamples() {}

  /** A regular Java static method. */
  public static int myFunction() {
    return 1;
  }

  /** Ray's example sleeps 10 s; one is enough to see the parallelism. */
  public static int slowFunction() throws InterruptedException {
    TimeUnit.SECONDS.sleep(1);
    return 1;
  }

  public static int functionWithAnArgument(int value) {
    return value + 1;
  }

  static void run() {
    // Invoke the method above as a Ray task: remote() returns at once with a future.
    ObjectRef<Integer> res = Ray.task(TasksExamples::myFunction).remote();
    System.out.println("myFunction() as a task returned " + res.get());

    // Ray tasks run in parallel, as far as the node's CPUs allow.
    long start = System.nanoTime();
    List<ObjectRef<Integer>> slow = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      slow.add(Ray.task(TasksExamples::slowFunction).remote());
    }
    Ray.get(slow);
    double cpus = Ray.getRuntimeContext().getAllNodeInfo().stream()
        .mapToDouble(node -> node.getResources().getOrDefault("CPU", 0.0)).sum();
    System.out.printf("4 one-second slowFunction tasks took %.1f s on %.0f CPUs%n",
        (System.nanoTime() - start) / 1e9, cpus);

    // Specify required resources. This node has no GPU, so the task waits for a node that has one.
    ObjectRef<Integer> needsGpus = Ray.task(TasksExamples::myFunction)
        .setResource("CPU", 1.0).setResource("GPU", 2.0).remote();
    try {
      needsGpus.get(500);
    } catch (RayTimeoutException e) {
      System.out.println("a task needing 2 GPUs waits for a node with 2 GPUs (none here yet)");
    }

    // Pass an object ref as an argument to another task: it gets the value.
    ObjectRef<Integer> objRef1 = Ray.task(TasksExamples::myFunction).remote();
    ObjectRef<Integer> objRef2 = Ray.task(TasksExamples::functionWithAnArgument, objRef1).remote();
    System.out.println("functionWithAnArgument(objRef1) returned " + objRef2.get());

    // Wait for partial results: whatever is ready after a second.
    List<ObjectRef<Integer>> objectRefs = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      objectRefs.add(i % 2 == 0 ? Ray.task(TasksExamples::myFunction).remote()
          : Ray.task(TasksExamples::slowFunction).remote());
    }
    WaitResult<Integer> waitResult = Ray.wait(objectRefs, 0, 200);
    System.out.println("after 200 ms: " + waitResult.getReady().size() + " ready, "
        + waitResult.getUnready().size() + " not ready");
    Ray.get(objectRefs);
  }
}
