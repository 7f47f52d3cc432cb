package org.rayonignite.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rayonignite.examples.NamedActorExample.Report;

/**
 * The named-actor example over three JVMs (this one as driver 1, a worker and driver 2 that it
 * starts), on loopback ports of its own: driver 2 finds the detached actor by name after driver
 * 1's job ended and its call sees the state driver 1 left; the non-detached actor ended with the
 * job; driver 1 sees driver 2's call and kills the actor.
 */
class NamedActorExampleTest {
  private static final String ADDRESS = "127.0.0.1:48630..48639";

  @Test
  @Timeout(value = 300, unit = TimeUnit.SECONDS)
  void aSecondDriverFindsTheDetachedActorByName() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    Report report;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      report = NamedActorExample.run(ADDRESS, out);
    } finally {
      System.out.print(captured.toString(StandardCharsets.UTF_8));
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, report.firstValue(), output);
    assertEquals(0, report.secondDriverExitCode(), output);
    // Driver 2's increment() found the 1 that driver 1's job left: the same actor, state intact.
    assertEquals(2, report.secondDriverValue(), output);
    assertFalse(report.secondDriverFoundJobActor(), output);
    assertEquals(2, report.valueAfterSecondDriver(), output);
    assertEquals("RayActorException", report.callAfterKill(), output);
    assertTrue(report.ok(), output);
    assertTrue(output.contains("driver 2: Ray.getActor(\"global_counter\") found it; increment() returned 2"),
        output);
  }

  /** Whatever the test did, the JVMs it started are gone. */
  @AfterEach
  void noChildJvmIsLeft() throws Exception {
    List<ProcessHandle> children = ProcessHandle.current().children().toList();
    CompletableFuture.allOf(children.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new))
        .get(30, TimeUnit.SECONDS);
  }
}
