package org.rayonignite;

import java.util.ArrayList;
import java.util.List;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.config.RayConfig;

/**
 * A second driver process for tests: joins the cluster at {@code args[0]} as a client node (no
 * CPUs of its own), submits {@code args[1]} tasks that report their node and concurrency, and
 * prints each result on a line.
 */
public final class SecondDriver {
  private SecondDriver() {}

  public static void main(String[] args) {
    Ray.init(RayConfig.builder().address(args[0]).resources(java.util.Map.of("CPU", 0.0)).build());
    try {
      List<ObjectRef<String>> refs = new ArrayList<>();
      for (int i = 0; i < Integer.parseInt(args[1]); i++) {
        refs.add(Ray.task(Where::nodeAndConcurrency, 100).remote());
      }
      for (String result : Ray.get(refs)) {
        System.out.println("RESULT " + result);
      }
    } finally {
      Ray.shutdown();
    }
  }
}
