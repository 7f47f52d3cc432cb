package org.rayonignite.objectstore;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.rayonignite.api.exception.RaySerializationException;

/**
 * Types whose instances only mean something inside the JVM that made them. Kryo could copy their
 * fields, but the copy would be a broken thread, stream or connection, so we refuse them with an
 * error that names the class.
 */
final class Unserializable extends Serializer<Object> {
  private static final String[] TYPES = {
      "java.lang.Thread", "java.lang.ThreadGroup", "java.lang.ClassLoader", "java.lang.Process",
      "java.io.InputStream", "java.io.OutputStream", "java.io.Reader", "java.io.Writer",
      "java.io.RandomAccessFile", "java.net.Socket", "java.net.ServerSocket",
      "java.net.DatagramSocket", "java.nio.channels.Channel", "java.util.concurrent.Executor",
      "java.util.concurrent.locks.Lock", "java.lang.ref.Reference", "java.sql.Connection",
      "java.sql.Statement", "java.sql.ResultSet", "org.apache.ignite.Ignite",
      "org.apache.ignite.IgniteCache", "org.apache.ignite.IgniteCompute"};

  private Unserializable() {}

  static void register(Kryo kryo) {
    Unserializable serializer = new Unserializable();
    for (String name : TYPES) {
      try {
        kryo.addDefaultSerializer(Class.forName(name, false, Unserializable.class.getClassLoader()),
            serializer);
      } catch (ClassNotFoundException e) {
        // Optional module not present (java.sql): nothing of that type can appear.
      }
    }
  }

  @Override
  public void write(Kryo kryo, Output output, Object object) {
    String name = object.getClass().getName();
    throw new RaySerializationException("cannot serialize " + name
        + ": it only has meaning inside the JVM that created it (threads, streams, locks, "
        + "connections and Ignite handles cannot be sent to other nodes)", name, null);
  }

  @Override
  public Object read(Kryo kryo, Input input, Class<?> type) {
    throw new RaySerializationException("cannot deserialize " + type.getName(), type.getName(), null);
  }
}
