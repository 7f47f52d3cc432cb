package org.rayonignite.bench;

import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteCompute;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.apache.ignite.lang.IgniteFuture;
import org.rayonignite.Ray;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.ObjectRefGenerator;
import org.rayonignite.api.call.StreamingTaskCaller;

/**
 * {@code streaming_generator_items}: a streaming task on the task node yields the items 0 to
 * {@value #ITEMS}{@code - 1} ({@code Integer}s), each an object of its own, and the driver reads
 * them through the {@code ObjectRefGenerator}, getting each ref. Raw: an Ignite job on the task
 * node sends the same items to the driver with {@code IgniteMessaging.sendOrdered}, a
 * {@code List} of {@value #RAW_BATCH} items to a message, to a listener that queues them for the
 * driver's thread. Both sides check every stream: the items arrive in order (each is its index),
 * and their count and sum are right at the end. Counts items per second.
 *
 * <p>Why batched ordered messaging for raw: it is how an Ignite user streams small items, and
 * the fastest of the reasonable means, measured with streams of 200,000 items over 2 JVMs
 * (embedded in brackets): ordered messages of 1,000 items 2.5–12.6 M items/s (8–88 M); unordered
 * {@code send} of the same batches 1.1–10.4 M/s (4–39 M), and they may arrive out of order; one
 * message per item 47–203 k/s (42–168 k); a collocated {@code IgniteQueue} ({@code offer} by the
 * job, {@code poll} by the driver), where every item is a cache update, 0.5–2.1 k/s one at a
 * time (2.7–21 k) and 19–36 k/s with {@code addAll} of 1,000 (8–23 k).
 *
 * <p>A step is one whole stream; a run lasts the standard length and at least one stream, and
 * counts the items of the streams it completed. Ours runs unbounded, Ray's default. (Over 2
 * JVMs it once ran with {@code setGeneratorBackpressure(100)}: items arriving after the
 * stream's end each cost the driver a scan of all items before them, so a 1M-item stream took
 * minutes; the driver now keeps a count of the items it has without a gap.)
 */
final class StreamingGeneratorBenchmark implements Benchmark {
  static final int ITEMS = 1_000_000;
  static final int RAW_BATCH = 1_000;
  private static final long SILENCE_LIMIT_SECONDS = 60;

  @Override
  public String name() {
    return "streaming_generator_items";
  }

  @Override
  public Target target() {
    return Target.ratioToRaw(0.5);
  }

  @Override
  public String note() {
    return "items/s, whole streams of " + String.format(Locale.ROOT, "%,d", ITEMS) + " items";
  }

  @Override
  public Workload ours(ClusterUnderTest cluster) {
    return () -> {
      ObjectRefGenerator<Integer> items =
          cluster.onTaskNode(Ray.task(StreamingWork::items, ITEMS)).streaming().remote();
      StreamingWork.Check check = new StreamingWork.Check(ITEMS);
      for (ObjectRef<Integer> item : items) {
        check.item(item.get());
      }
      check.end();
      return ITEMS;
    };
  }

  @Override
  public Workload raw(ClusterUnderTest cluster) {
    return new MessagingStreams(cluster.ignite(), cluster.rawComputeOnTaskNode());
  }

  /**
   * The raw side: a listener on a topic of its own queues the messages for the driver's thread;
   * each step runs the producer job and reads its stream.
   */
  private static final class MessagingStreams implements Workload {
    private final Ignite ignite;
    private final IgniteCompute compute;
    private final String topic = "bench-stream-" + UUID.randomUUID();
    private final LinkedBlockingQueue<List<Integer>> received = new LinkedBlockingQueue<>();
    private final IgniteBiPredicate<UUID, List<Integer>> listener = (sender, items) -> {
      received.add(items);
      return true; // keep listening
    };
    private final StreamingWork.MessagingProducer job;

    MessagingStreams(Ignite ignite, IgniteCompute compute) {
      this.ignite = ignite;
      this.compute = compute;
      this.job = new StreamingWork.MessagingProducer(ignite.cluster().localNode().id(), topic, ITEMS,
          RAW_BATCH);
      ignite.message().localListen(topic, listener);
    }

    @Override
    public long step() {
      IgniteFuture<Void> produced = compute.runAsync(job);
      StreamingWork.Check check = new StreamingWork.Check(ITEMS);
      while (check.count() < ITEMS) {
        for (Integer item : next(produced, check.count())) {
          check.item(item);
        }
      }
      produced.get(); // the job's failure, if any
      check.end();
      return ITEMS;
    }

    /** The next message of items; throws if the job failed, or if none comes for a minute. */
    private List<Integer> next(IgniteFuture<Void> produced, int count) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SILENCE_LIMIT_SECONDS);
      try {
        while (System.nanoTime() < deadline) {
          List<Integer> items = received.poll(100, TimeUnit.MILLISECONDS);
          if (items != null) {
            return items;
          }
          if (produced.isDone()) {
            produced.get(); // throws the job's failure; if it succeeded, its last messages may lag
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted after " + count + " items", e);
      }
      throw new IllegalStateException("no items for " + SILENCE_LIMIT_SECONDS + " s after " + count);
    }

    @Override
    public void close() {
      ignite.message().stopLocalListen(topic, listener);
    }
  }
}
