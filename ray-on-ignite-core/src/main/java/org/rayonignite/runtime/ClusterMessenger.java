package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.ignite.Ignite;
import org.apache.ignite.IgniteMessaging;
import org.apache.ignite.lang.IgniteBiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the runtime's messages through Ignite messaging, batched per destination and topic.
 *
 * <p>Design: {@link #send} queues the item. When items come in a burst (the previous one less
 * than {@link #BURST_GAP_NANOS} ago), it schedules a flush on the flush executor if none is
 * scheduled, and the flush drains everything queued by then into one message: many items share
 * a message. An item that comes alone is flushed on the caller's thread at once, saving the
 * thread hand-off that would buy no batching (the latency of one call at a time). A flush only
 * hands the message to Ignite's communication layer; nothing waits for a reply or holds a lock
 * meanwhile. Items for one destination and topic are sent in queue order.
 */
final class ClusterMessenger {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterMessenger.class);
  private static final int MAX_BATCH = 4096;
  /** Items closer together than this are a burst: worth batching on the flush executor. */
  private static final long BURST_GAP_NANOS = 100_000;

  /** A message kind: its Ignite topic, how a batch of items is encoded, and its deploy class. */
  static final class Topic<T> {
    final String name;
    final WireCodec.Writer<T> writer;
    final WireCodec.Reader<T> reader;
    /** The class to peer-deploy for an item, or null: items with different classes go in different messages. */
    final Function<T, Class<?>> deployClassOf;

    Topic(String name, WireCodec.Writer<T> writer, WireCodec.Reader<T> reader,
        Function<T, Class<?>> deployClassOf) {
      this.name = name;
      this.writer = writer;
      this.reader = reader;
      this.deployClassOf = deployClassOf;
    }
  }

  private final Ignite ignite;
  private final Executor flushExecutor;
  private final ConcurrentHashMap<OutboxKey, Outbox<?>> outboxes = new ConcurrentHashMap<>();
  private final List<Runnable> unsubscribers = new ArrayList<>();
  private volatile boolean stopped;

  ClusterMessenger(Ignite ignite, Executor flushExecutor) {
    this.ignite = ignite;
    this.flushExecutor = flushExecutor;
  }

  /**
   * Calls {@code handler} with each batch of {@code topic} that arrives: the sender, the items,
   * and the class loader of the batch's deploy class. Runs on an Ignite public-pool thread:
   * handlers must not block.
   */
  <T> void listen(Topic<T> topic, Receiver<T> handler) {
    IgniteBiPredicate<UUID, Object> listener = (sender, message) -> {
      if (stopped) {
        return false;
      }
      try {
        Envelope envelope = (Envelope) message;
        List<T> items = WireCodec.readBatch(envelope.payload(), topic.reader);
        handler.receive(sender, items, envelope.sentDeployClass());
      } catch (RuntimeException | LinkageError e) {
        LOG.error("Failed to handle a {} message from node {}", topic.name, sender, e);
      }
      return true;
    };
    ignite.message().localListen(topic.name, listener);
    synchronized (unsubscribers) {
      unsubscribers.add(() -> ignite.message().stopLocalListen(topic.name, listener));
    }
  }

  /** Handles one received batch. */
  interface Receiver<T> {
    void receive(UUID sender, List<T> items, Class<?> deployClass);
  }

  /** Queues {@code item} for {@code node}; it leaves with the next flush of that outbox. */
  <T> void send(UUID node, Topic<T> topic, T item) {
    if (stopped) {
      return;
    }
    OutboxKey key = new OutboxKey(node, topic.name);
    @SuppressWarnings("unchecked")
    Outbox<T> outbox = (Outbox<T>) outboxes.get(key);
    if (outbox == null) {
      outbox = new Outbox<>(node, topic);
      @SuppressWarnings("unchecked")
      Outbox<T> raced = (Outbox<T>) outboxes.putIfAbsent(key, outbox);
      if (raced != null) {
        outbox = raced;
      }
    }
    outbox.add(item);
  }

  /** Forgets the outboxes of a node that left; queued items for it are dropped. */
  void nodeLeft(UUID node) {
    outboxes.keySet().removeIf(key -> key.node.equals(node));
  }

  void stop() {
    stopped = true;
    synchronized (unsubscribers) {
      unsubscribers.forEach(Runnable::run);
      unsubscribers.clear();
    }
    outboxes.clear();
  }

  private record OutboxKey(UUID node, String topic) {}

  private final class Outbox<T> implements Runnable {
    private final UUID node;
    private final Topic<T> topic;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile long lastAdd;
    private volatile IgniteMessaging messaging;

    Outbox(UUID node, Topic<T> topic) {
      this.node = node;
      this.topic = topic;
    }

    void add(T item) {
      queue.add(item);
      long now = System.nanoTime();
      boolean burst = now - lastAdd < BURST_GAP_NANOS;
      lastAdd = now;
      if (scheduled.compareAndSet(false, true)) {
        if (burst) {
          flushExecutor.execute(this);
        } else {
          run();
        }
      }
    }

    @Override
    public void run() {
      try {
        flush();
      } finally {
        scheduled.set(false);
        if (!queue.isEmpty() && scheduled.compareAndSet(false, true)) {
          flushExecutor.execute(this);
        }
      }
    }

    private void flush() {
      List<T> batch = new ArrayList<>();
      T item;
      while (batch.size() < MAX_BATCH && (item = queue.poll()) != null) {
        batch.add(item);
      }
      if (batch.isEmpty() || stopped) {
        return;
      }
      Map<Class<?>, List<T>> byDeployClass = new LinkedHashMap<>();
      for (T each : batch) {
        Class<?> deployClass = topic.deployClassOf != null ? topic.deployClassOf.apply(each) : null;
        byDeployClass.computeIfAbsent(deployClass, c -> new ArrayList<>()).add(each);
      }
      for (Map.Entry<Class<?>, List<T>> group : byDeployClass.entrySet()) {
        byte[] payload = WireCodec.writeBatch(group.getValue(), topic.writer);
        try {
          if (messaging == null) {
            messaging = ignite.message(ignite.cluster().forNodeId(node));
          }
          messaging.send(topic.name, new Envelope(group.getKey(), payload));
        } catch (RuntimeException e) {
          // The node left (its failure handling fails or retries the work) or we are stopping.
          LOG.debug("Could not send {} items of {} to node {}: {}", group.getValue().size(),
              topic.name, node, e.toString());
        }
      }
    }
  }
}
