package org.rayonignite.objectstore;

import java.util.List;
import org.apache.ignite.Ignite;
import org.apache.ignite.lang.IgniteCallable;
import org.apache.ignite.lang.IgniteRunnable;
import org.apache.ignite.resources.IgniteInstanceResource;

/**
 * The compute jobs another node sends to the node that spilled an object: read a range of its
 * file, or delete files. Each finds the node's {@link SpillFiles} in the node-local map, where
 * {@link ObjectStore} registers them.
 */
final class SpillJobs {
  /** The key of a node's {@link SpillFiles} in its node-local map. */
  static final String NODE_LOCAL_KEY = SpillFiles.class.getName();

  private SpillJobs() {}

  static void register(Ignite ignite, SpillFiles files) {
    ignite.cluster().nodeLocalMap().put(NODE_LOCAL_KEY, files);
  }

  static void unregister(Ignite ignite, SpillFiles files) {
    ignite.cluster().nodeLocalMap().remove(NODE_LOCAL_KEY, files);
  }

  private static SpillFiles filesOf(Ignite ignite) {
    Object files = ignite.cluster().nodeLocalMap().get(NODE_LOCAL_KEY);
    return files instanceof SpillFiles spillFiles ? spillFiles : null;
  }

  /** {@code length} bytes at {@code position} of a spilled object, or null if it is gone. */
  static final class Read implements IgniteCallable<byte[]> {
    private static final long serialVersionUID = 1L;
    private final long key;
    private final long position;
    private final int length;
    @IgniteInstanceResource
    private transient Ignite ignite;

    Read(long key, long position, int length) {
      this.key = key;
      this.position = position;
      this.length = length;
    }

    @Override
    public byte[] call() {
      SpillFiles files = filesOf(ignite);
      return files == null ? null : files.read(key, position, length);
    }
  }

  /** Deletes the files of freed objects. */
  static final class Delete implements IgniteRunnable {
    private static final long serialVersionUID = 1L;
    private final List<Long> keys;
    @IgniteInstanceResource
    private transient Ignite ignite;

    Delete(List<Long> keys) {
      this.keys = keys;
    }

    @Override
    public void run() {
      SpillFiles files = filesOf(ignite);
      if (files != null) {
        keys.forEach(files::delete);
      }
    }
  }
}
