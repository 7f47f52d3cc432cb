package org.rayonignite.bench;

import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;

/**
 * {@code single_client_get_calls}: {@code Ray.get} of small put objects ({@value
 * PutCallsBenchmark#VALUE_BYTES}-byte arrays), cycling over {@value #OBJECTS} of them; raw:
 * {@code IgniteCache.get} of the same arrays stored on this node. Measures the fixed cost of
 * reading a small object that is already local.
 */
final class GetCallsBenchmark implements Benchmark {
  static final int OBJECTS = 1024;

  @Override
  public String name() {
    return "single_client_get_calls";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.8);
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    byte[] value = Values.bytes(PutCallsBenchmark.VALUE_BYTES);
    @SuppressWarnings("unchecked")
    ObjectRef<byte[]>[] refs = new ObjectRef[OBJECTS];
    for (int i = 0; i < OBJECTS; i++) {
      refs[i] = Ray.put(value);
    }
    return new Workload() {
      private int next;

      @Override
      public long step() {
        Values.check(Ray.get(refs[next++ % OBJECTS]), value.length);
        return 1;
      }
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    byte[] value = Values.bytes(PutCallsBenchmark.VALUE_BYTES);
    RawObjectCache cache = new RawObjectCache(cluster.ignite());
    long[] keys = new long[OBJECTS];
    for (int i = 0; i < OBJECTS; i++) {
      keys[i] = cache.put(value);
    }
    return new Workload() {
      private int next;

      @Override
      public long step() {
        Values.check(cache.get(keys[next++ % OBJECTS]), value.length);
        return 1;
      }

      @Override
      public void close() {
        cache.close();
      }
    };
  }
}
