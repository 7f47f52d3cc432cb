package org.rayonignite.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.rayonignite.api.ObjectId;

/**
 * Kryo form of a ref inside a value: its id, and where the object is stored if that is known
 * already (so the receiver fetches it without asking the owner). Read back, it is bound to the
 * reading node's runtime as a borrowed ref.
 */
final class ObjectRefSerializer extends Serializer<ObjectRefImpl<?>> {
  private final NodeRuntime runtime;

  ObjectRefSerializer(NodeRuntime runtime) {
    super(false, true);
    this.runtime = runtime;
  }

  @Override
  public void write(Kryo kryo, Output output, ObjectRefImpl<?> ref) {
    output.writeBytes(ref.getId().getBytes());
    ref.runtime().objects().escaped(ref.entry());
    ObjectLocation location = ObjectManager.locationIfReady(ref.entry());
    if (location instanceof ObjectLocation.Stored) {
      output.writeBoolean(true);
      WireCodec.writeLocation(output, location);
    } else {
      output.writeBoolean(false);
    }
  }

  @Override
  public ObjectRefImpl<?> read(Kryo kryo, Input input, Class<? extends ObjectRefImpl<?>> type) {
    ObjectId id = ObjectId.fromBytes(input.readBytes(ObjectId.LENGTH));
    ObjectLocation location = input.readBoolean() ? WireCodec.readLocation(input) : null;
    return runtime.objects().refFor(id, location);
  }
}
