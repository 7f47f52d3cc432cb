package org.rayonignite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.cli.NodeProcess;
import org.rayonignite.config.RayConfig;

/**
 * Reference counting across processes: refs that travel inside values (a task's or an actor
 * call's arguments, a put object) keep their objects alive exactly as long as someone holds them:
 * a borrower in another JVM (an actor that stores a ref) keeps the object until it drops the ref;
 * a task that only read it, or an object that held it, lets it go.
 */
class BorrowTest {
  private static final String ADDRESS = TestClusters.address(49630);
  private static NodeProcess worker;

  @BeforeAll
  static void start() {
    worker = TestClusters.worker(ADDRESS, "--resources", "CPU=2").start();
    Ray.init(RayConfig.builder().address(ADDRESS).resources(Map.of("CPU", 0.0))
        .objectStoreMemoryBytes(128L << 20).build());
    MultiJvmTest.awaitNodes(2);
  }

  @AfterAll
  static void stop() {
    TestClusters.shutdown(worker);
  }

  /** Keeps the refs it is given until told to drop them. */
  public static final class RefKeeper {
    private final List<ObjectRef<byte[]>> kept = new ArrayList<>();

    public int keep(List<ObjectRef<byte[]>> refs) {
      kept.addAll(refs);
      return kept.size();
    }

    public int firstByte() {
      return kept.get(0).get()[0];
    }

    public int drop() {
      kept.clear();
      System.gc(); // the refs go at once; the node tells the owner on its next tick
      return 0;
    }
  }

  static int firstByteOfFirst(List<ObjectRef<byte[]>> refs) {
    return refs.get(0).get()[0];
  }

  /** Puts an object on the node it runs on and returns its ref inside a list. */
  static List<ObjectRef<byte[]>> putThere(int first) {
    return List.of(stored(first));
  }

  static int storedThere() {
    return RayState.storedObjectCount();
  }

  private static int storedOnWorker() {
    return Ray.task(BorrowTest::storedThere).setResource("CPU", 0.0)
        .setNodeAffinity(worker.nodeId(), false).remote().get();
  }

  static int collectGarbage() {
    System.gc();
    return 0;
  }

  private static ObjectRef<byte[]> stored(int first) {
    byte[] bytes = new byte[300_000];
    bytes[0] = (byte) first;
    return Ray.put(bytes);
  }

  /**
   * Objects both nodes hold in their stores. (Counted on both: an object may sit on either node,
   * and one a previous test dropped may still be on its way out.)
   */
  private static int storedInCluster() {
    return RayState.storedObjectCount() + storedOnWorker();
  }

  /** Collects garbage on both JVMs until {@code count} says {@code expected}, for up to 30 s. */
  private static void awaitStored(int expected, IntSupplier count) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (count.getAsInt() != expected && System.nanoTime() < deadline) {
      System.gc();
      Ray.task(BorrowTest::collectGarbage).setResource("CPU", 0.0)
          .setNodeAffinity(worker.nodeId(), false).remote().get();
      Thread.sleep(50); // nodes free and release what was collected on their 50 ms tick
    }
    assertEquals(expected, count.getAsInt());
  }

  @Test
  void anActorThatKeepsARefKeepsItsObjectUntilItDropsIt() throws InterruptedException {
    int before = storedInCluster();
    ActorHandle<RefKeeper> keeper = Ray.actor(RefKeeper::new).setResource("CPU", 0.0)
        .setNodeAffinity(worker.nodeId(), false).remote();
    ObjectRef<byte[]> ref = stored(42);
    assertEquals(1, keeper.task(RefKeeper::keep, List.of(ref)).remote().get());
    ObjectRef<byte[]> dropped = stored(7); // a second object nobody keeps: the GC loop's witness
    dropped = null;
    ref = null;
    awaitStored(before + 1, BorrowTest::storedInCluster); // the witness goes, the kept object stays
    assertEquals(42, keeper.task(RefKeeper::firstByte).remote().get());

    keeper.task(RefKeeper::drop).remote().get();
    awaitStored(before, BorrowTest::storedInCluster);
    keeper.kill();
  }

  @Test
  void aTaskThatOnlyReadsARefLetsItGoWhenItFinishes() throws InterruptedException {
    int before = storedInCluster();
    ObjectRef<byte[]> ref = stored(5);
    assertEquals(5, Ray.task(BorrowTest::firstByteOfFirst, List.of(ref))
        .setNodeAffinity(worker.nodeId(), false).remote().get());
    ref = null;
    awaitStored(before, BorrowTest::storedInCluster);
  }

  @Test
  void anObjectThatHoldsARefKeepsItWhileItLives() throws InterruptedException {
    int before = storedInCluster();
    ObjectRef<byte[]> inner = stored(9);
    ObjectRef<List<ObjectRef<byte[]>>> outer = Ray.put(List.of(inner));
    inner = null;
    awaitStored(before + 1, BorrowTest::storedInCluster); // held by the (small, unstored) outer object
    assertEquals(9, Ray.task(BorrowTest::firstByteOfFirst, outer) // the task gets the list
        .setNodeAffinity(worker.nodeId(), false).remote().get());
    outer = null;
    awaitStored(before, BorrowTest::storedInCluster);
  }

  @Test
  void refsATaskReturnsLiveWhileTheirReaderHoldsThem() throws InterruptedException {
    int before = storedInCluster();
    ObjectRef<List<ObjectRef<byte[]>>> returned = Ray.task(BorrowTest::putThere, 3)
        .setNodeAffinity(worker.nodeId(), false).remote();
    List<ObjectRef<byte[]>> refs = returned.get();
    returned = null; // the returned list is gone; the ref read out of it is held
    ObjectRef<List<ObjectRef<byte[]>>> unread = Ray.task(BorrowTest::putThere, 4)
        .setNodeAffinity(worker.nodeId(), false).remote();
    Ray.wait(List.of(unread), 1, 30_000);
    unread = null; // never read: its object goes with it
    awaitStored(before + 1, BorrowTest::storedInCluster);
    assertEquals(3, refs.get(0).get()[0]);

    refs = null;
    awaitStored(before, BorrowTest::storedInCluster);
  }
}
