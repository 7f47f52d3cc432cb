package org.rayonignite.bench;

import org.rayonignite.Ray;

/**
 * {@code single_client_put_gigabytes}: {@code Ray.put} of {@value #VALUE_MIB} MiB byte arrays;
 * raw: {@code IgniteCache.put} of the same array under a new key on this node. Measures the
 * bandwidth of storing large objects (serialization and copies included). Runs count puts rather
 * than time, to bound the memory they take: objects stay stored until the mode ends.
 */
final class PutGigabytesBenchmark implements Benchmark {
  static final int VALUE_MIB = 64;

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
    return RunLength.ofSteps(3);
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
    return new Workload() {
      @Override
      public long step() {
        cache.put(value);
        return value.length;
      }

      @Override
      public void close() {
        cache.close();
      }
    };
  }
}
