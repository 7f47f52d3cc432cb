package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

class MultiSmokeTest {
  static String whereAmI(int sleepMs) throws InterruptedException {
    Thread.sleep(sleepMs);
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  static int square(int x) {
    return x * x;
  }

  @Test
  void runs() throws Exception {
    String address = "127.0.0.1:48500..48509";
    String cp = NodeProcess.currentClasspath();
    String noTests = String.join(java.io.File.pathSeparator, java.util.Arrays.stream(cp.split(java.io.File.pathSeparator)).filter(e -> !e.endsWith("test-classes")).toList());
    long t0 = System.nanoTime();
    try (NodeProcess w1 = NodeProcess.builder().classpath(noTests).args("--address", address, "--resources", "CPU=2").start();
         NodeProcess w2 = NodeProcess.builder().classpath(noTests).args("--address", address, "--resources", "CPU=2").start()) {
      System.out.println("workers up ms " + (System.nanoTime() - t0) / 1e6);
      Ray.init(RayConfig.builder().address(address).resources(java.util.Map.of("CPU", 2.0)).build());
      System.out.println("nodes " + Ray.getRuntimeContext().getAllNodeInfo());
      List<ObjectRef<String>> refs = new ArrayList<>();
      for (int i = 0; i < 30; i++) {
        refs.add(Ray.task(MultiSmokeTest::whereAmI, 200).remote());
      }
      Set<String> nodes = new HashSet<>(Ray.get(refs));
      System.out.println("ran on " + nodes);
      assertEquals(3, nodes.size());
      for (int round = 0; round < 2; round++) {
        long s = System.nanoTime();
        int n = 20000;
        List<ObjectRef<Integer>> many = new ArrayList<>();
        for (int i = 0; i < n; i++) {
          many.add(Ray.task(MultiSmokeTest::square, i).remote());
        }
        Ray.get(many);
        System.out.println("async tasks/s " + n / ((System.nanoTime() - s) / 1e9));
      }
      Ray.shutdown();
      System.out.println("w1 output: " + w1.output());
    }
  }
}
