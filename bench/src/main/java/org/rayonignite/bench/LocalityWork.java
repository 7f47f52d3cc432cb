package org.rayonignite.bench;

import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCache;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The work of the locality benchmark, in both forms: 1 MiB inputs and a checksum over one, as Ray
 * tasks (static methods) and as Ignite jobs (static nested classes, so peer class loading can
 * bring them to the workers). Both forms read every byte of the input, so what differs between
 * placements is where the input has to come from.
 */
final class LocalityWork {
  static final int INPUT_BYTES = 1 << 20;
  private static final byte[] TEMPLATE = Values.bytes(INPUT_BYTES);

  private LocalityWork() {}

  /** Input number {@code index}: fixed pseudo-random bytes with the index in the first four. */
  static byte[] input(int index) {
    byte[] bytes = TEMPLATE.clone();
    bytes[0] = (byte) (index >>> 24);
    bytes[1] = (byte) (index >>> 16);
    bytes[2] = (byte) (index >>> 8);
    bytes[3] = (byte) index;
    return bytes;
  }

  /** The Ray task that consumes an input: the sum of its bytes. */
  static long checksum(byte[] bytes) {
    long sum = 0;
    for (byte b : bytes) {
      sum += b;
    }
    return sum;
  }

  /** Throws unless a consumer returned the checksum of its input: a guard against measuring failures. */
  static void check(long value, long expected) {
    if (value != expected) {
      throw new IllegalStateException("a consumer returned checksum " + value + ", expected " + expected);
    }
  }

  /** The raw job that makes an input: puts it under {@code key} on the node the job runs on, its primary. */
  static final class PutInput implements IgniteRunnable {
    private static final long serialVersionUID = 1L;
    private final String cacheName;
    private final long key;
    private final int index;
    @IgniteInstanceResource
    private transient Ignite ignite;

    PutInput(String cacheName, long key, int index) {
      this.cacheName = cacheName;
      this.key = key;
      this.index = index;
    }

    @Override
    public void run() {
      ignite.<Long, byte[]>cache(cacheName).put(key, input(index));
    }
  }

  /**
   * The raw consumer: runs by {@code affinityCall} on the primary node of {@code key}, checks that
   * it is there, reads the value with a (local) get and returns its checksum.
   */
  static final class ChecksumOfLocal implements IgniteCallable<Long> {
    private static final long serialVersionUID = 1L;
    private final String cacheName;
    private final long key;
    @IgniteInstanceResource
    private transient Ignite ignite;

    ChecksumOfLocal(String cacheName, long key) {
      this.cacheName = cacheName;
      this.key = key;
    }

    @Override
    public Long call() {
      if (!ignite.affinity(cacheName).isPrimary(ignite.cluster().localNode(), key)) {
        throw new IllegalStateException("key " + key + " is not primary on the node its affinityCall ran on");
      }
      IgniteCache<Long, byte[]> cache = ignite.cache(cacheName);
      return checksum(cache.get(key));
    }
  }
}
