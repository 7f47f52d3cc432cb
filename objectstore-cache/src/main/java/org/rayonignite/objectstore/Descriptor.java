package org.rayonignite.objectstore;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * What the store keeps under the key of an object that is not stored in one piece: a small
 * record that says where the bytes are. A key whose {@link ObjectStore#DESCRIPTOR_BIT} is set
 * always holds one, so a reader knows what it reads from the key alone, and so does a remover.
 *
 * <ul>
 *   <li>{@link Chunked}: the bytes are in the chunk cache, in {@code count} chunks of
 *       {@code chunkSize} bytes (the last one shorter) under keys {@code firstChunkKey + (i << 8)},
 *       all in the object key's partition, so they live and move with it.
 *   <li>{@link Spilled}: the bytes are in a file on node {@code node}, which serves them.
 * </ul>
 */
sealed interface Descriptor permits Descriptor.Chunked, Descriptor.Spilled {
  byte CHUNKED = 1;
  byte SPILLED = 2;

  /** The object's size in bytes. */
  long size();

  byte[] encode();

  /** The descriptor in {@code bytes}, as {@link #encode} wrote it. */
  static Descriptor decode(byte[] bytes) {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    byte kind = in.get();
    long size = in.getLong();
    if (kind == CHUNKED) {
      return new Chunked(size, in.getInt(), in.getLong());
    }
    if (kind == SPILLED) {
      return new Spilled(size, new UUID(in.getLong(), in.getLong()));
    }
    throw new IllegalStateException("not an object descriptor: kind " + kind);
  }

  /** An object in chunks of the chunk cache. */
  record Chunked(long size, int chunkSize, long firstChunkKey) implements Descriptor {
    int count() {
      return (int) ((size + chunkSize - 1) / chunkSize);
    }

    long chunkKey(int index) {
      return firstChunkKey + ((long) index << 8);
    }

    int chunkLength(int index) {
      return (int) Math.min(chunkSize, size - (long) index * chunkSize);
    }

    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(21).put(CHUNKED).putLong(size).putInt(chunkSize)
          .putLong(firstChunkKey).array();
    }
  }

  /** An object spilled to a file on {@code node}. */
  record Spilled(long size, UUID node) implements Descriptor {
    @Override
    public byte[] encode() {
      return ByteBuffer.allocate(25).put(SPILLED).putLong(size)
          .putLong(node.getMostSignificantBits()).putLong(node.getLeastSignificantBits()).array();
    }
  }
}
