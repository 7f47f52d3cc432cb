package org.rayonignite.objectstore;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.ClosureSerializer;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import com.esotericsoftware.kryo.serializers.ImmutableCollectionsSerializers;
import com.esotericsoftware.kryo.serializers.MapSerializer;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import com.esotericsoftware.kryo.util.MapReferenceResolver;
import java.io.Serializable;
import java.util.function.Consumer;
import org.objenesis.strategy.StdInstantiatorStrategy;
import org.rayonignite.api.exception.RaySerializationException;

/**
 * Serializes objects with Kryo 5: records, collections, arrays and user classes without
 * registration; serializable lambdas; exceptions through Java serialization (so their class,
 * message, cause and stack trace survive). Things that cannot leave a JVM (threads, streams,
 * class loaders, Ignite handles, non-serializable lambdas) are rejected with a
 * {@link RaySerializationException} naming the innermost class that failed.
 *
 * <p>Thread-safe: each thread has its own Kryo instance and output buffer (a nested call on the
 * same thread gets a fresh one). Each call names the class loader that resolves class names, so
 * classes peer-loaded from another node deserialize with the loader that can see them; no other
 * loader is asked. Every class read from the bytes passes a {@link DeserializationFilter} first.
 */
public final class ObjectSerializer {
  private static final int MAX_RETAINED_BUFFER = 1 << 20;
  /** Byte arrays from this size on get an output buffer of their exact size, not a grown one. */
  private static final int PRESIZED_ARRAY = 64 << 10;

  private final DeserializationFilter filter;
  private final Consumer<Kryo> customizer;
  private final ThreadLocal<Slot> slots = ThreadLocal.withInitial(() -> new Slot(newKryo()));

  /**
   * A serializer that deserializes any class but the known gadget classes
   * ({@link DeserializationFilter#DEFAULT}); {@code customizer} may register more serializers on
   * each new Kryo instance.
   */
  public ObjectSerializer(Consumer<Kryo> customizer) {
    this(DeserializationFilter.DEFAULT, customizer);
  }

  /** A serializer that deserializes only the classes {@code filter} lets through. */
  public ObjectSerializer(DeserializationFilter filter, Consumer<Kryo> customizer) {
    this.filter = filter;
    this.customizer = customizer;
  }

  /**
   * The bytes of {@code value}.
   *
   * @throws RaySerializationException naming the innermost class that cannot be serialized
   */
  public byte[] serialize(Object value) {
    Slot slot = acquire();
    Output output = value instanceof byte[] array && array.length >= PRESIZED_ARRAY
        ? new Output(array.length + 16) : slot.output;
    try {
      output.reset();
      slot.kryo.writeClassAndObject(output, value);
      byte[] buffer = output.getBuffer();
      return output.position() == buffer.length && output != slot.output ? buffer : output.toBytes();
    } catch (RaySerializationException e) {
      throw e;
    } catch (KryoException | IllegalArgumentException | UnsupportedOperationException e) {
      String className = value == null ? "null" : value.getClass().getName();
      throw new RaySerializationException("cannot serialize " + className + ": " + rootMessage(e),
          className, e);
    } finally {
      if (slot.output.getBuffer().length > MAX_RETAINED_BUFFER) {
        slot.output = new Output(512, -1);
      }
      release(slot);
    }
  }

  /**
   * The object in {@code bytes}, with class names resolved by {@code loader}.
   *
   * @throws RaySerializationException if a class is missing or the bytes are not an object
   */
  public Object deserialize(byte[] bytes, ClassLoader loader) {
    return deserialize(bytes, 0, bytes.length, loader);
  }

  /** The object in {@code length} bytes of {@code bytes} from {@code offset}. */
  public Object deserialize(byte[] bytes, int offset, int length, ClassLoader loader) {
    Slot slot = acquire();
    try {
      useLoader(slot.kryo, loader);
      return slot.kryo.readClassAndObject(new Input(bytes, offset, length));
    } catch (RaySerializationException e) {
      throw e;
    } catch (KryoException | IllegalArgumentException | LinkageError e) {
      RaySerializationException refused = refusal(e);
      if (refused != null) {
        throw refused; // a class the filter refused, deep in the graph (Kryo wraps it)
      }
      throw new RaySerializationException("cannot deserialize an object: " + rootMessage(e),
          missingClassName(e), e);
    } finally {
      release(slot);
    }
  }

  private static RaySerializationException refusal(Throwable e) {
    for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
      if (t instanceof RaySerializationException refused) {
        return refused;
      }
    }
    return null;
  }

  /** This thread's Kryo, or a fresh one if this thread is already inside a call. */
  private Slot acquire() {
    Slot slot = slots.get();
    if (slot.busy) {
      return new Slot(newKryo());
    }
    slot.busy = true;
    return slot;
  }

  private static void release(Slot slot) {
    slot.busy = false;
  }

  /** A thread's Kryo instance and output buffer. */
  private static final class Slot {
    final Kryo kryo;
    Output output = new Output(512, -1);
    boolean busy;

    Slot(Kryo kryo) {
      this.kryo = kryo;
    }
  }

  private static void useLoader(Kryo kryo, ClassLoader loader) {
    ClassLoader target = loader != null ? loader : ObjectSerializer.class.getClassLoader();
    if (kryo.getClassLoader() != target) {
      kryo.setClassLoader(target);
      ((FilteringClassResolver) kryo.getClassResolver()).forgetNames();
    }
  }

  private Kryo newKryo() {
    Kryo kryo = new TrackingKryo(filter);
    kryo.setRegistrationRequired(false);
    kryo.setReferences(true);
    kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
    kryo.setClassLoader(ObjectSerializer.class.getClassLoader());
    ImmutableCollectionsSerializers.addDefaultSerializers(kryo);
    kryo.register(ClosureSerializer.Closure.class, new LambdaSerializer());
    kryo.addDefaultSerializer(Throwable.class, new ThrowableSerializer(filter));
    Unserializable.register(kryo);
    customizer.accept(kryo);
    return kryo;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message != null) {
      int trace = message.indexOf("\nSerialization trace:");
      if (trace >= 0) {
        message = message.substring(0, trace);
      }
    }
    return root == e ? String.valueOf(message) : root.getClass().getSimpleName() + ": " + message;
  }

  private static String missingClassName(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof ClassNotFoundException) {
        return t.getMessage();
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }

  /** Kryo whose default (field) serializers name the class they failed on. */
  private static final class TrackingKryo extends Kryo {
    TrackingKryo(DeserializationFilter filter) {
      super(new FilteringClassResolver(filter), new MapReferenceResolver());
    }

    @Override
    protected Serializer newDefaultSerializer(Class type) {
      return new TrackingSerializer(super.newDefaultSerializer(type), type);
    }

    @Override
    public Serializer getDefaultSerializer(Class type) {
      Serializer serializer = super.getDefaultSerializer(type);
      if (serializer instanceof CollectionSerializer && JdkCollectionCopies.needsCopy(type)) {
        return new JdkCollectionCopies.CollectionCopy();
      }
      if (serializer instanceof MapSerializer && JdkCollectionCopies.needsCopy(type)) {
        return new JdkCollectionCopies.MapCopy();
      }
      return serializer;
    }
  }

  /**
   * Checks every class read against the filter (by name before a name is first loaded, then by
   * class per object), and forgets cached class names when the class loader changes, so each
   * loader resolves its own.
   */
  private static final class FilteringClassResolver extends DefaultClassResolver {
    private final DeserializationFilter filter;

    FilteringClassResolver(DeserializationFilter filter) {
      this.filter = filter;
    }

    @Override
    public Registration readClass(Input input) {
      Registration registration = super.readClass(input);
      if (registration != null) {
        filter.check(registration.getType());
      }
      return registration;
    }

    /** Called with each name read; null sends Kryo to the class loader, so refuse first. */
    @Override
    protected Class getTypeByName(String className) {
      Class<?> known = super.getTypeByName(className);
      if (known == null) {
        filter.checkName(className);
      }
      return known;
    }

    void forgetNames() {
      if (nameToClass != null) {
        nameToClass.clear();
      }
    }
  }

  /**
   * Wraps a field serializer: the innermost one that fails turns the failure into a
   * {@link RaySerializationException} naming its class; outer ones pass it on unchanged.
   */
  @SuppressWarnings({"rawtypes", "unchecked"})
  private static final class TrackingSerializer extends Serializer<Object> {
    private final Serializer delegate;
    private final Class<?> type;

    TrackingSerializer(Serializer delegate, Class<?> type) {
      super(delegate.getAcceptsNull(), delegate.isImmutable());
      this.delegate = delegate;
      this.type = type;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
      try {
        delegate.write(kryo, output, object);
      } catch (RaySerializationException e) {
        throw e;
      } catch (RuntimeException | LinkageError e) {
        throw new RaySerializationException("cannot serialize " + type.getName() + ": "
            + rootMessage(e), type.getName(), e);
      }
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<? extends Object> readType) {
      return delegate.read(kryo, input, readType);
    }

    @Override
    public Object copy(Kryo kryo, Object original) {
      return delegate.copy(kryo, original);
    }
  }

  /** Serializable lambdas travel as their {@code SerializedLambda}; others are rejected. */
  private static final class LambdaSerializer extends ClosureSerializer {
    @Override
    public void write(Kryo kryo, Output output, Object object) {
      if (!(object instanceof Serializable)) {
        String name = object.getClass().getName();
        throw new RaySerializationException("cannot serialize lambda " + name + ": its functional "
            + "interface is not Serializable (use a RayFunc type or an interface that extends "
            + "Serializable)", name, null);
      }
      super.write(kryo, output, object);
    }
  }
}
