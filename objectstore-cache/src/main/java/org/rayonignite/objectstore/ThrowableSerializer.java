package org.rayonignite.objectstore;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;

/**
 * Exceptions travel through Java serialization, which keeps their class, message, cause, stack
 * trace and suppressed exceptions exactly. One that Java serialization refuses (a field that is
 * not serializable) becomes a {@link RemoteException} with the same class name, message and stack
 * trace, so the failure is never lost. Reading, every class of the Java serialization stream
 * passes the {@link DeserializationFilter}, as the classes Kryo reads do.
 */
final class ThrowableSerializer extends Serializer<Throwable> {
  private final DeserializationFilter filter;

  ThrowableSerializer(DeserializationFilter filter) {
    super(false, true);
    this.filter = filter;
  }

  @Override
  public void write(Kryo kryo, Output output, Throwable throwable) {
    byte[] bytes;
    try {
      ByteArrayOutputStream buffer = new ByteArrayOutputStream(1024);
      try (ObjectOutputStream out = new ObjectOutputStream(buffer)) {
        out.writeObject(throwable);
      }
      bytes = buffer.toByteArray();
    } catch (IOException | RuntimeException e) {
      bytes = null;
    }
    if (bytes != null) {
      output.writeBoolean(true);
      output.writeVarInt(bytes.length, true);
      output.writeBytes(bytes);
      return;
    }
    output.writeBoolean(false);
    output.writeString(throwable.getClass().getName());
    output.writeString(throwable.getMessage());
    StackTraceElement[] trace = throwable.getStackTrace();
    output.writeVarInt(trace.length, true);
    for (StackTraceElement element : trace) {
      output.writeString(element.getClassName());
      output.writeString(element.getMethodName());
      output.writeString(element.getFileName());
      output.writeVarInt(element.getLineNumber() + 2, true);
    }
    Throwable cause = throwable.getCause();
    kryo.writeClassAndObject(output, cause == throwable ? null : cause);
  }

  @Override
  public Throwable read(Kryo kryo, Input input, Class<? extends Throwable> type) {
    if (input.readBoolean()) {
      byte[] bytes = input.readBytes(input.readVarInt(true));
      try (ObjectInputStream in = new LoaderObjectInputStream(new ByteArrayInputStream(bytes),
          kryo.getClassLoader(), filter)) {
        return (Throwable) in.readObject();
      } catch (IOException | ClassNotFoundException e) {
        return new RemoteException(type.getName(), "(could not be deserialized here: " + e + ")");
      }
    }
    RemoteException remote = new RemoteException(input.readString(), input.readString());
    StackTraceElement[] trace = new StackTraceElement[input.readVarInt(true)];
    for (int i = 0; i < trace.length; i++) {
      trace[i] = new StackTraceElement(input.readString(), input.readString(), input.readString(),
          input.readVarInt(true) - 2);
    }
    remote.setStackTrace(trace);
    Object cause = kryo.readClassAndObject(input);
    if (cause instanceof Throwable) {
      remote.initCause((Throwable) cause);
    }
    return remote;
  }

  /** Resolves classes that the filter lets through with a given loader (peer-loaded classes included). */
  private static final class LoaderObjectInputStream extends ObjectInputStream {
    private final ClassLoader loader;
    private final DeserializationFilter filter;

    LoaderObjectInputStream(InputStream in, ClassLoader loader, DeserializationFilter filter)
        throws IOException {
      super(in);
      this.loader = loader;
      this.filter = filter;
    }

    @Override
    protected Class<?> resolveClass(ObjectStreamClass desc) throws IOException, ClassNotFoundException {
      filter.checkName(desc.getName());
      Class<?> type;
      try {
        type = Class.forName(desc.getName(), false, loader);
      } catch (ClassNotFoundException e) {
        type = super.resolveClass(desc);
      }
      filter.check(type);
      return type;
    }

    /** A proxy's interfaces are classes of the stream too. */
    @Override
    protected Class<?> resolveProxyClass(String[] interfaces) throws IOException, ClassNotFoundException {
      for (String name : interfaces) {
        filter.checkName(name);
      }
      return super.resolveProxyClass(interfaces);
    }
  }
}
