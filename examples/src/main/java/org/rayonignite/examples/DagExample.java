package org.rayonignite.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;

/**
 * A small DAG: load a few partitions, transform each in its own task, combine pairwise, then
 * reduce. Every edge is an ObjectRef passed as an argument; nothing waits until the end.
 */
public final class DagExample {
  private DagExample() {}

  public static List<Integer> load(int partition) {
    return IntStream.range(partition * 100, (partition + 1) * 100).boxed().toList();
  }

  public static long sumOfSquares(List<Integer> values) {
    return values.stream().mapToLong(v -> (long) v * v).sum();
  }

  public static long add(long a, long b) {
    return a + b;
  }

  static void run() {
    List<ObjectRef<Long>> level = new ArrayList<>();
    for (int partition = 0; partition < 8; partition++) {
      ObjectRef<List<Integer>> data = Ray.task(DagExample::load, partition).remote();
      level.add(Ray.task(DagExample::sumOfSquares, data).remote());
    }
    while (level.size() > 1) {
      List<ObjectRef<Long>> next = new ArrayList<>();
      for (int i = 0; i < level.size(); i += 2) {
        next.add(Ray.task(DagExample::add, level.get(i), level.get(i + 1)).remote());
      }
      level = next;
    }
    long expected = IntStream.range(0, 800).mapToLong(v -> (long) v * v).sum();
    System.out.println("DAG of 8 loads, 8 transforms and 7 adds: sum of squares 0..799 = "
        + level.get(0).get() + (level.get(0).get() == expected ? " (correct)" : " (WRONG)"));
  }
}
