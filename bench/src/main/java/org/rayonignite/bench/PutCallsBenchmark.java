package org.rayonignite.bench;

import org.rayonignite.Ray;

/**
 * {@code single_client_put_calls}: {@code Ray.put} of a {@value #VALUE_BYTES}-byte array, one call
 * after another; raw: {@code IgniteCache.put} of the same array under a new key on this node.
 * Measures the fixed cost of storing a small object.
 */
final class PutCallsBenchmark implements Benchmark {
  static final int VALUE_BYTES = 100;

  @Override
  public String name() {
    return "single_client_put_calls";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.8);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    byte[] value = Values.bytes(VALUE_BYTES);
    return () -> {
      Ray.put(value);
      return 1;
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    byte[] value = Values.bytes(VALUE_BYTES);
    RawObjectCache cache = new RawObjectCache(cluster.ignite());
    return new Workload() {
      @Override
      public long step() {
        cache.put(value);
        return 1;
      }

      @Override
      public void close() {
        cache.close();
      }
    };
  }
}
