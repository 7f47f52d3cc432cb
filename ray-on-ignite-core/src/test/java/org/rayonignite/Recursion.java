package org.rayonignite;

import java.util.ArrayList;
import java.util.List;
import org.rayonignite.api.ObjectRef;

/** Tasks that submit tasks and wait for them. */
final class Recursion {
  private Recursion() {}

  static int fibonacci(int n) {
    if (n < 2) {
      return n;
    }
    ObjectRef<Integer> a = Ray.task(Recursion::fibonacci, n - 1).remote();
    ObjectRef<Integer> b = Ray.task(Recursion::fibonacci, n - 2).remote();
    return a.get() + Ray.get(b);
  }

  static int square(int x) {
    return x * x;
  }

  static List<Integer> squaresThroughChildren(int n) {
    List<ObjectRef<Integer>> refs = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      refs.add(Ray.task(Recursion::square, i).remote());
    }
    Ray.wait(refs);
    return Ray.get(refs);
  }
}
