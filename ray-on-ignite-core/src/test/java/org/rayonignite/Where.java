package org.rayonignite;

import org.apache.ignite.Ignite;
import org.apache.ignite.Ignition;

/** Tasks that report where they ran. */
final class Where {
  private Where() {}

  static String node() {
    return Ray.getRuntimeContext().getCurrentNodeId().toString();
  }

  static String nodeAfter(int sleepMs) throws InterruptedException {
    Thread.sleep(sleepMs);
    return node();
  }

  /** The node and how many tasks of this JVM ran at once when this one started. */
  static String nodeAndConcurrency(int sleepMs) throws InterruptedException {
    return node() + "/" + Sleepy.sleepAndCount(sleepMs);
  }

  static int sizeOnNode(byte[] input) {
    return input.length;
  }

  static String nodeOfInput(byte[] input) {
    return node() + "/" + input.length;
  }

  /** Whether {@code key} of {@code cache} is stored on the node running this task. */
  static String nodeHoldingKey(String cache, int key) {
    for (Ignite ignite : Ignition.allGrids()) {
      if (ignite.cluster().localNode().id().toString().replace("-", "").equals(node())) {
        return node() + "/" + (ignite.cache(cache).localPeek(key) != null);
      }
    }
    return node() + "/unknown";
  }
}
