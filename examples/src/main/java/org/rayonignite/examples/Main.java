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
 * {@code examples/README.md}). So is {@link NamedActorExample}: a detached named actor that a
 * second driver JVM finds by name after the first driver's job has ended
 * ({@code -Dexec.mainClass=org.rayonignite.examples.NamedActorExample}).
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    Ray.init();
    try {
      runExamples();
    } finally {
      Ray.shutdown();
    }
  }

  /** Every section, in order, on the cluster Ray is connected to. */
  static void runExamples() {
    System.out.println("== Tasks (Ray's Tasks page)");
    TasksExamples.run();
    System.out.println("== Multiple returns, generators, cancelling (Ray's Tasks page)");
    ReturnsAndCancelExamples.run();
    System.out.println("== Objects (Ray's core concepts)");
    ObjectsExamples.run();
    System.out.println("== Actors (Ray's Actors page)");
    ActorsExamples.run();
    System.out.println("== Placement groups (Ray's placement groups page)");
    PlacementGroupsExamples.run();
    System.out.println("== A small DAG");
    DagExample.run();
  }
}
