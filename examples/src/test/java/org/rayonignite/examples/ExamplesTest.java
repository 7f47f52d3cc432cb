package org.rayonignite.examples;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The examples run and show what they mean to show. */
class ExamplesTest {
  @Test
  void mainRunsEveryExample() {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      Main.main(new String[0]);
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);
    assertTrue(output.contains("myFunction() as a task returned 1"), output);
    assertTrue(output.contains("functionWithAnArgument(objRef1) returned 2"), output);
    assertTrue(output.contains("put 0, 1, 2 and got [0, 1, 2]"), output);
    assertTrue(output.contains("RayTimeoutException"), output);
    assertTrue(output.contains("waits for a node with 2 GPUs"), output);
    assertTrue(output.contains("(correct)"), output);
  }
}
