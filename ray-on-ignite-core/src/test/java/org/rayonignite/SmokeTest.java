package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;

class SmokeTest {
  static int square(int x) {
    return x * x;
  }

  static int plus(int a, int b) {
    return a + b;
  }

  @Test
  void runs() {
    long t0 = System.nanoTime();
    Ray.init();
    long t1 = System.nanoTime();
    System.out.println("init ms " + (t1 - t0) / 1e6);
    ObjectRef<Integer> r = Ray.task(SmokeTest::square, 4).remote();
    assertEquals(16, r.get());
    ObjectRef<Integer> r2 = Ray.task(SmokeTest::plus, r, 1).remote();
    assertEquals(17, r2.get());
    ObjectRef<List<Integer>> p = Ray.put(List.of(1, 2, 3));
    assertEquals(List.of(1, 2, 3), p.get());
    for (int round = 0; round < 3; round++) {
      long s = System.nanoTime();
      int n = 20000;
      for (int i = 0; i < n; i++) {
        Ray.task(SmokeTest::square, i).remote().get();
      }
      long e = System.nanoTime();
      System.out.println("sync tasks/s " + n / ((e - s) / 1e9));
      s = System.nanoTime();
      List<ObjectRef<Integer>> refs = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        refs.add(Ray.task(SmokeTest::square, i).remote());
      }
      Ray.get(refs);
      e = System.nanoTime();
      System.out.println("async tasks/s " + n / ((e - s) / 1e9));
    }
    Ray.shutdown();
    System.out.println("shutdown ms " + (System.nanoTime() - t1) / 1e6);
  }
}
