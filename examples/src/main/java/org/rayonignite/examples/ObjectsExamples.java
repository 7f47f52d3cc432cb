package org.rayonignite.examples;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.exception.RayTimeoutException;

/** The Java snippets of Ray's core-concepts article on objects, with our names. */
public final class ObjectsExamples {
  private ObjectsExamples() {}

  public static int slowFunction() throws InterruptedException {
    TimeUnit.SECONDS.sleep(10);
    return 1;
  }

  static void run() {
    // Put an object in the object store.
    int y = 1;
    ObjectRef<Integer> objectRef = Ray.put(y);
    System.out.println("put " + y + ", got " + objectRef.get());

    // Get the values of multiple object refs.
    List<ObjectRef<Integer>> objectRefs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      objectRefs.add(Ray.put(i));
    }
    List<Integer> results = Ray.get(objectRefs);
    System.out.println("put 0, 1, 2 and got " + results);

    // Ray.get throws RayTimeoutException when the timeout passes first.
    ObjectRef<Integer> slow = Ray.task(ObjectsExamples::slowFunction).remote();
    try {
      Ray.get(slow, 3000);
    } catch (RayTimeoutException e) {
      System.out.println("get with a 3 s timeout on a 10 s task: " + e.getClass().getSimpleName());
    }
    Ray.cancel(slow); // the timeout does not stop the task: free its CPU for the next examples
  }
}
