package org.rayonignite.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.TaskId;
import org.rayonignite.api.function.RayFunc2;

/** The pure parts of scheduling and messaging, without a cluster. */
class SchedulingPiecesTest {
  @Test
  void labelSelectorsMatchValuesNegationsAndSets() {
    Map<String, String> labels = Map.of("zone", "a", "tier", "gold");
    assertTrue(LabelSelector.parse(Map.of("zone", "a")).matches(labels));
    assertFalse(LabelSelector.parse(Map.of("zone", "b")).matches(labels));
    assertTrue(LabelSelector.parse(Map.of("zone", "!b")).matches(labels));
    assertTrue(LabelSelector.parse(Map.of("zone", "in(a, b)", "tier", "!in(silver)")).matches(labels));
    assertFalse(LabelSelector.parse(Map.of("zone", "!in(a,b)")).matches(labels));
    assertFalse(LabelSelector.parse(Map.of("gpu", "yes")).matches(labels));
    assertTrue(LabelSelector.parse(Map.of("gpu", "!yes")).matches(labels));
    assertThrows(IllegalArgumentException.class, () -> LabelSelector.parse(Map.of("zone", "in()")));
  }

  @Test
  void resourceSetsDropZerosAndCompareWithSlack() {
    assertSame(ResourceSet.ONE_CPU, ResourceSet.of(Map.of("CPU", 1.0)));
    assertTrue(ResourceSet.of(Map.of("CPU", 0.0)).isEmpty());
    ResourceSet gpu = ResourceSet.of(Map.of("CPU", 0.5, "GPU", 1.0));
    assertTrue(gpu.fitsIn(Map.of("CPU", 0.5, "GPU", 1.0)));
    assertFalse(gpu.fitsIn(Map.of("CPU", 4.0)));
    assertTrue(ResourceSet.of(Map.of("CPU", 0.1)).fitsIn(Map.of("CPU", 0.1 + 0.2 - 0.2)));
    assertThrows(IllegalArgumentException.class, () -> ResourceSet.of(Map.of("CPU", -1.0)));
  }

  @Test
  void tasksAndResultsSurviveTheWire() {
    TaskId taskId = TaskId.of(UUID.randomUUID(), 7);
    ObjectId refId = ObjectId.of(TaskId.of(UUID.randomUUID(), 3), 0);
    long key = (5L << 44) | (42L << 8) | 17;
    TaskSpec spec = new TaskSpec(taskId, 42, "ns", "MyApp.work",
        new FunctionDescriptor("a.B", "work", "(I)I", FunctionDescriptor.Kind.STATIC), new byte[] {1},
        new TaskArg[] {TaskArg.value(new byte[] {9, 8}), TaskArg.ref(refId, new ObjectLocation.Stored(key, 1000, true)),
            TaskArg.ref(refId, new ObjectLocation.Inline(new byte[] {5}, false))},
        2, ResourceSet.of(Map.of("CPU", 0.5, "GPU", 1.0)), 1);
    TaskSpec copy = WireCodec.readBatch(WireCodec.writeBatch(List.of(spec), WireCodec::writeTask),
        WireCodec::readTask).get(0);
    assertEquals(taskId, copy.taskId);
    assertEquals(42, copy.jobId);
    assertEquals(spec.function, copy.function);
    assertEquals(2, copy.numReturns);
    assertEquals(1, copy.attempt);
    assertEquals(spec.demand.toMap(), copy.demand.toMap());
    assertEquals(key, ((ObjectLocation.Stored) copy.args[1].location()).key());
    assertEquals(1000, copy.args[1].location().size());
    assertTrue(copy.args[1].location().rawBytes());
    assertFalse(copy.args[2].location().rawBytes());
    assertEquals(9, copy.args[0].value()[0]);
    assertEquals(5, ((ObjectLocation.Inline) copy.args[2].location()).bytes()[0]);

    TaskResult result = new TaskResult(taskId, 1, UUID.randomUUID(),
        new ObjectLocation[] {new ObjectLocation.Inline(new byte[] {3}, true)}, null, null);
    TaskResult resultCopy = WireCodec.readBatch(WireCodec.writeBatch(List.of(result),
        WireCodec::writeResult), WireCodec::readResult).get(0);
    assertEquals(result.executedOn, resultCopy.executedOn);
    assertFalse(resultCopy.failed());
    assertTrue(resultCopy.returns[0].rawBytes());
    TaskResult failure = new TaskResult(taskId, 0, UUID.randomUUID(), null, new byte[] {1, 2}, "x.Y");
    TaskResult failureCopy = WireCodec.readBatch(WireCodec.writeBatch(List.of(failure),
        WireCodec::writeResult), WireCodec::readResult).get(0);
    assertTrue(failureCopy.failed());
    assertEquals("x.Y", failureCopy.errorClassName);
  }

  static int add(int a, int b) {
    return a + b;
  }

  @Test
  void functionsResolveOnceToInvokers() throws Throwable {
    RayFunc2<Integer, Integer, Integer> add = SchedulingPiecesTest::add;
    RayFunction function = FunctionDescriptors.of(add);
    assertSame(function, FunctionDescriptors.of(add));
    RayFunc2<Integer, Integer, Integer> sameMethod = SchedulingPiecesTest::add;
    assertEquals(function.descriptor, FunctionDescriptors.of(sameMethod).descriptor);
    assertEquals(FunctionDescriptor.Kind.STATIC, function.descriptor.kind);
    FunctionResolver resolver = new FunctionResolver();
    FunctionResolver.Invoker invoker = resolver.resolve(function.descriptor, getClass().getClassLoader());
    assertSame(invoker, resolver.resolve(function.descriptor, getClass().getClassLoader()));
    assertEquals(5, invoker.invoke(new Object[] {2, 3}));
    assertThrows(IllegalArgumentException.class, () -> invoker.invoke(new Object[] {1}));
  }

  @Test
  void theExecutorStartsTasksOnlyWithinItsResources() throws Exception {
    ConcurrentLinkedQueue<String> started = new ConcurrentLinkedQueue<>();
    CountDownLatch release = new CountDownLatch(1);
    ConcurrentLinkedQueue<String> rejected = new ConcurrentLinkedQueue<>();
    NodeExecutor executor = new NodeExecutor("test", Map.of("CPU", 2.0, "GPU", 1.0), (spec, ex) -> {
      started.add(spec.name);
      try {
        release.await(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    }, (spec, reason) -> rejected.add(spec.name + ": " + reason), new CallerThreadSlots(1));
    try {
      executor.submit(task("cpu1", Map.of("CPU", 1.0)));
      executor.submit(task("gpu", Map.of("CPU", 1.0, "GPU", 1.0)));
      executor.submit(task("cpu2", Map.of("CPU", 1.0)));
      executor.submit(task("zeroCpu", Map.of("CPU", 0.0)));
      executor.submit(task("tooBig", Map.of("CPU", 3.0)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (started.size() < 3 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(Set.of("cpu1", "gpu", "zeroCpu"), Set.copyOf(started));
      assertEquals(1, executor.queued());
      assertEquals(1, rejected.size());
      assertTrue(rejected.peek().contains("tooBig"));
      release.countDown();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((executor.running() > 0 || executor.queued() > 0) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(started.contains("cpu2"));
      assertEquals(Map.of("CPU", 2.0, "GPU", 1.0), executor.free());
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void aTaskAdmittedAtOnceRunsOnTheReceivingThreadWithinTheCallerSlots() throws Exception {
    ConcurrentLinkedQueue<String> ranOn = new ConcurrentLinkedQueue<>();
    CountDownLatch release = new CountDownLatch(1);
    CallerThreadSlots slots = new CallerThreadSlots(1);
    ConcurrentLinkedQueue<Double> freeAtDelivery = new ConcurrentLinkedQueue<>();
    NodeExecutor executor = new NodeExecutor("test", Map.of("CPU", 2.0), (spec, ex) -> {
      ranOn.add(spec.name + "@" + Thread.currentThread().getName());
      if (spec.name.equals("cancelsItself")) {
        ex.cancel(spec.taskId, false); // interrupts this thread, as a cancel arriving at the end would
      }
      if (spec.name.equals("blocks")) {
        try {
          release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      // The result goes out after the task's resources are back (see NodeExecutor.Runner).
      return spec.name.equals("first") ? () -> freeAtDelivery.add(ex.free().get("CPU")) : null;
    }, (spec, reason) -> { }, slots);
    String here = Thread.currentThread().getName();
    try {
      executor.submitHere(task("first", Map.of("CPU", 1.0)));
      assertEquals(List.of("first@" + here), List.copyOf(ranOn));
      assertEquals(List.of(2.0), List.copyOf(freeAtDelivery));

      executor.submitHere(task("cancelsItself", Map.of("CPU", 1.0)));
      assertFalse(Thread.currentThread().isInterrupted(),
          "a cancel's interrupt must not outlive its task on a thread that is not ours");

      // The only slot taken (by a task blocked on another thread): the next runs on the pool.
      assertTrue(slots.tryTake());
      executor.submitHere(task("blocks", Map.of("CPU", 1.0)));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (ranOn.stream().noneMatch(r -> r.startsWith("blocks@")) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      String blocked = ranOn.stream().filter(r -> r.startsWith("blocks@")).findFirst().orElseThrow();
      assertTrue(blocked.startsWith("blocks@ray-task-test"), blocked);
      slots.release();

      // Not admitted at once (CPU 1 of 2 held by "blocks", this one needs 2): queued, not run here.
      executor.submitHere(task("big", Map.of("CPU", 2.0)));
      assertEquals(1, executor.queued());
      release.countDown();
      deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while ((executor.running() > 0 || executor.queued() > 0) && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertTrue(ranOn.stream().anyMatch(r -> r.startsWith("big@ray-task-test")), ranOn.toString());
      assertTrue(slots.tryTake(), "every slot taken was given back");
    } finally {
      executor.shutdown();
    }
  }

  @Test
  void aThreadWaitingForAnAdmittedTaskThatNoThreadTookRunsItItself() throws Exception {
    ConcurrentLinkedQueue<String> ranOn = new ConcurrentLinkedQueue<>();
    Map<String, CountDownLatch> nextQueued = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> admittedNext = new ConcurrentHashMap<>();
    Map<String, CountDownLatch> taken = new ConcurrentHashMap<>();
    NodeExecutor executor = new NodeExecutor("test", Map.of("CPU", 1.0), (spec, ex) -> {
      ranOn.add(spec.name + "@" + Thread.currentThread().getName());
      if (spec.name.equals("cancelled")) {
        ex.cancel(spec.taskId, false); // interrupts the thread running it
      } else if (spec.name.equals("interruptsItsThread")) {
        Thread.currentThread().interrupt(); // as the waiting thread's own code would
      }
      if (!spec.name.startsWith("holder")) {
        return null;
      }
      await(nextQueued.get(spec.name)); // holds the only CPU until the next task is queued
      // The holder's end admits the next task; its thread then delivers this result before it
      // takes that task up: parked here, the next task stays admitted with no thread on it.
      return () -> {
        admittedNext.get(spec.name).countDown();
        await(taken.get(spec.name));
      };
    }, (spec, reason) -> { }, new CallerThreadSlots(1));
    String here = Thread.currentThread().getName();
    try {
      for (String name : List.of("plain", "cancelled", "interruptsItsThread")) {
        String holderName = "holder-" + name;
        nextQueued.put(holderName, new CountDownLatch(1));
        admittedNext.put(holderName, new CountDownLatch(1));
        taken.put(holderName, new CountDownLatch(1));
        TaskSpec holder = task(holderName, Map.of("CPU", 1.0));
        TaskSpec next = task(name, Map.of("CPU", 1.0));
        next.submittedBy = Thread.currentThread();
        executor.submit(holder);
        executor.submit(next);
        assertFalse(executor.runAdmittedHere(next.taskId), "queued, not admitted: not taken");
        nextQueued.get(holderName).countDown();
        await(admittedNext.get(holderName));
        CompletableFuture<Boolean> byAnotherThread = new CompletableFuture<>();
        Thread other = new Thread(() -> byAnotherThread.complete(executor.runAdmittedHere(next.taskId)));
        other.start();
        assertFalse(byAnotherThread.get(10, TimeUnit.SECONDS), "only the thread that sent it takes it");

        assertTrue(executor.runAdmittedHere(next.taskId));
        assertTrue(ranOn.contains(name + "@" + here), ranOn.toString());
        assertEquals(name.equals("interruptsItsThread"), Thread.interrupted(),
            "the waiting thread keeps an interrupt of its own, not a cancel's");
        assertFalse(executor.runAdmittedHere(next.taskId), "run once");
        taken.get(holderName).countDown(); // the holder's thread now finds the task taken

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (executor.running() > 0 && System.nanoTime() < deadline) {
          Thread.onSpinWait();
        }
        assertEquals(0, executor.running());
        assertEquals(Map.of("CPU", 1.0), executor.free());
      }
      assertEquals(1, ranOn.stream().filter(r -> r.startsWith("plain@")).count(), ranOn.toString());
    } finally {
      executor.shutdown();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      assertTrue(latch.await(10, TimeUnit.SECONDS));
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }

  private static TaskSpec task(String name, Map<String, Double> demand) {
    return new TaskSpec(TaskId.of(UUID.randomUUID(), 1), 1, "ns", name,
        new FunctionDescriptor("a.B", "c", "()V", FunctionDescriptor.Kind.STATIC), null, new TaskArg[0], 1,
        ResourceSet.of(demand), 0);
  }
}
