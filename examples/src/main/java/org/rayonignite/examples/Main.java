package org.rayonignite.examples;

import org.rayonignite.Ray;

/**
 * Runs the examples on an embedded one-node cluster (no setup):
 * {@code mvn -q -DskipTests package exec:exec -pl examples -am}. Set {@code -Dray.address=host:port..port} (or
 * {@code RAY_ADDRESS}) to run them on a cluster started with {@code bin/ray-ignite start}.
 *
 * <p>{@link DataLocalBatchJob} is a program of its own: a map/reduce over an Ignite cache with
 * one map task per partition on the partition's node, on a 3-JVM cluster it starts itself
 * ({@code -Dexec.mainClass=org.rayonignite.examples.DataLocalBatchJob}; see
 * {@code examples/README.md}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Ray.init();
    try {
      System.out.println("== Tasks (Ray's Tasks page)");
      TasksExamples.run();
      System.out.println("== Objects (Ray's core concepts)");
      ObjectsExamples.run();
      System.out.println("== A small DAG");
      DagExample.run();
    } finally {
      Ray.shutdown();
    }
  }
}
