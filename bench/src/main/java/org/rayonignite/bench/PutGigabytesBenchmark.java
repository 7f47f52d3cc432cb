package org.rayonignite.bench;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.rayonignite.Ray;

/**
 * {@code single_client_put_gigabytes}: {@code Ray.put} of {@value #VALUE_MIB} MiB byte arrays;
 * raw: {@code IgniteCache.put} of the same array under a new key on this node. Measures the
 * bandwidth of storing large objects (serialization and copies included). Runs count puts rather
 * than time, to bound the memory they take: ours are freed (by the store's reaper, off the
 * caller's thread) as their refs are dropped; the raw side removes each value {@value #RAW_KEPT}
 * puts later on a thread of its own, so both hold a few at a time and neither times its removals.
 */
final class PutGigabytesBenchmark implements Benchmark {
  static final int VALUE_MIB = 64;
  /** How many of its latest values the raw side keeps stored. */
  static final int RAW_KEPT = 2;

  @Override
  public String name() {
    return "single_client_put_gigabytes";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.7);
  }

  @Override
  public Unit unit() {
    return Unit.BYTES;
  }

  @Override
  public RunLength warmUp(RunLength standard) {
    return RunLength.ofSteps(2);
  }

  @Override
  public RunLength timed(RunLength standard) {
    return RunLength.ofSteps(8); // ~0.4 s: shorter runs swung by 2x
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    byte[] value = Values.bytes(VALUE_MIB << 20);
    return () -> {
      Ray.put(value);
      return value.length;
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    byte[] value = Values.bytes(VALUE_MIB << 20);
    RawObjectCache cache = new RawObjectCache(cluster.ignite());
    ArrayDeque<Long> kept = new ArrayDeque<>();
    ExecutorService remover = Executors.newSingleThreadExecutor();
    return new Workload() {
      @Override
      public long step() {
        kept.addLast(cache.put(value));
        if (kept.size() > RAW_KEPT) {
          long old = kept.removeFirst();
          remover.execute(() -> cache.remove(old));
        }
        return value.length;
      }

      @Override
      public void close() {
        remover.shutdown();
        try {
          remover.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        cache.close();
      }
    };
  }
}
