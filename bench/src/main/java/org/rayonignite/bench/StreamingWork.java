package org.rayonignite.bench;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The work of {@code streaming_generator_items}, in both forms: a streaming Ray task yielding the
 * items 0, 1, 2... one object each, and an Ignite job sending the same items to the driver in
 * ordered messages of {@code batch} items. {@link Check} verifies a stream on the driver.
 */
final class StreamingWork {
  private StreamingWork() {}

  /** The Ray task: the items 0 to {@code count - 1}, each an object of its own. */
  static Iterator<Integer> items(int count) {
    return IntStream.range(0, count).iterator();
  }

  /**
   * The raw Ignite job: sends the items 0 to {@code count - 1} to the driver on {@code topic},
   * {@code batch} to an ordered message, as a user streaming small items with Ignite would (one
   * message per item is far slower). A static nested class, so the worker loads it.
   */
  static final class MessagingProducer implements IgniteRunnable {
    private static final long serialVersionUID = 1L;

    @IgniteInstanceResource
    private transient Ignite ignite;
    private final UUID driver;
    private final String topic;
    private final int count;
    private final int batch;

    MessagingProducer(UUID driver, String topic, int count, int batch) {
      this.driver = driver;
      this.topic = topic;
      this.count = count;
      this.batch = batch;
    }

    @Override
    public void run() {
      IgniteMessaging toDriver = ignite.message(ignite.cluster().forNodeId(driver));
      ArrayList<Integer> items = new ArrayList<>(batch);
      for (int i = 0; i < count; i++) {
        items.add(i);
        if (items.size() == batch || i == count - 1) {
          toDriver.sendOrdered(topic, items, 0); // 0: Ignite's network timeout
          items = new ArrayList<>(batch); // a local receiver may get this very list
        }
      }
    }
  }

  /**
   * Checks one stream as the driver reads it: the items come in order (each is its index), and
   * at the end their count and sum are those of the items 0 to {@code expected - 1}.
   */
  static final class Check {
    private final int expected;
    private int count;
    private long sum;

    Check(int expected) {
      this.expected = expected;
    }

    void item(Integer item) {
      if (item == null || item != count) {
        throw new IllegalStateException("item " + count + " of the stream is " + item);
      }
      count++;
      sum += item;
    }

    int count() {
      return count;
    }

    /** Throws unless the stream had all its items. */
    void end() {
      long expectedSum = (long) expected * (expected - 1) / 2;
      if (count != expected || sum != expectedSum) {
        throw new IllegalStateException("the stream ended after " + count + " items summing to "
            + sum + ", expected " + expected + " summing to " + expectedSum);
      }
    }
  }
}
