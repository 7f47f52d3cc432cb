package org.rayonignite.objectstore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's spilled objects: a file per object in a directory of the node's own under the
 * temporary directory, made at the first spill and removed with everything in it by
 * {@link #close}. Objects never change, so a file is written once, read any number of times
 * and deleted when its object is freed.
 *
 * <p>Reads and writes go through the file in slices: a heap buffer handed to a channel is copied
 * through a temporary direct buffer of its size, which for a whole large object would be as big
 * as the object.
 */
final class SpillFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SpillFiles.class);
  /** Bytes per read or write call. */
  private static final int SLICE = 1 << 20;
  /** Disk space a spill leaves free. */
  private static final long DISK_RESERVE = 64L << 20;

  private final Path directory;
  private final LongAdder spilled = new LongAdder();
  private final LongAdder spilledBytes = new LongAdder();
  private final LongAdder restored = new LongAdder();
  private final LongAdder deleted = new LongAdder();

  SpillFiles(Path directory) {
    this.directory = directory;
  }

  /** The directory under {@code java.io.tmpdir} of the node {@code nodeName}. */
  static SpillFiles inTempDirectory(String nodeId) {
    return new SpillFiles(Path.of(System.getProperty("java.io.tmpdir"), "ray-spill", nodeId));
  }

  Path directory() {
    return directory;
  }

  /**
   * Writes {@code bytes} to the file of {@code key}.
   *
   * @throws ObjectStoreFullException if the disk has no room or the file cannot be written
   */
  void write(long key, byte[] bytes) {
    Path file = file(key);
    try {
      Files.createDirectories(directory);
      long usable = Files.getFileStore(directory).getUsableSpace();
      if (usable < bytes.length + DISK_RESERVE) {
        throw new ObjectStoreFullException("cannot spill an object of " + bytes.length
            + " bytes to " + directory + ": " + usable + " bytes of disk are free");
      }
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE)) {
        for (int offset = 0; offset < bytes.length; offset += SLICE) {
          ByteBuffer slice = ByteBuffer.wrap(bytes, offset, Math.min(SLICE, bytes.length - offset));
          while (slice.hasRemaining()) {
            channel.write(slice);
          }
        }
      }
    } catch (IOException e) {
      deleteQuietly(file);
      throw new ObjectStoreFullException("cannot spill an object of " + bytes.length + " bytes to "
          + file + ": " + e);
    }
    spilled.increment();
    spilledBytes.add(bytes.length);
  }

  /**
   * Reads {@code length} bytes at {@code position} of the file of {@code key} into {@code into}
   * at {@code offset}; false if there is no such file (the object was freed).
   */
  boolean read(long key, long position, byte[] into, int offset, int length) {
    try (FileChannel channel = FileChannel.open(file(key), StandardOpenOption.READ)) {
      int done = 0;
      while (done < length) {
        int sliceLength = Math.min(SLICE, length - done);
        ByteBuffer slice = ByteBuffer.wrap(into, offset + done, sliceLength);
        while (slice.hasRemaining()) {
          if (channel.read(slice, position + done + sliceLength - slice.remaining()) < 0) {
            throw new IOException("the file ends before byte " + (position + length));
          }
        }
        done += sliceLength;
      }
      restored.increment();
      return true;
    } catch (NoSuchFileException e) {
      return false;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the spilled object " + Long.toHexString(key), e);
    }
  }

  /** {@code length} bytes at {@code position} of the file of {@code key}, or null if it is gone. */
  byte[] read(long key, long position, int length) {
    byte[] bytes = new byte[length];
    return read(key, position, bytes, 0, length) ? bytes : null;
  }

  /** Deletes the file of {@code key}, if there is one. */
  void delete(long key) {
    if (deleteQuietly(file(key))) {
      deleted.increment();
    }
  }

  long objectsSpilled() {
    return spilled.sum();
  }

  long bytesSpilled() {
    return spilledBytes.sum();
  }

  long reads() {
    return restored.sum();
  }

  long filesDeleted() {
    return deleted.sum();
  }

  /** Deletes every file and the directory. */
  @Override
  public void close() {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory)) {
      for (Path file : files) {
        deleteQuietly(file);
      }
    } catch (IOException e) {
      LOG.debug("Could not list the spill directory {}: {}", directory, e.toString());
    }
    deleteQuietly(directory);
  }

  private Path file(long key) {
    return directory.resolve(Long.toHexString(key));
  }

  private static boolean deleteQuietly(Path file) {
    try {
      return Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("Could not delete {}: {}", file, e.toString());
      return false;
    }
  }
}
