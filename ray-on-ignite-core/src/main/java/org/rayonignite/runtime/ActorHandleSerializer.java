package org.rayonignite.runtime;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import org.rayonignite.api.ActorId;

/** Kryo form of an actor handle inside a value: its id and limit, bound to the reading node. */
final class ActorHandleSerializer extends Serializer<ActorHandleImpl<?>> {
  private final NodeRuntime runtime;

  ActorHandleSerializer(NodeRuntime runtime) {
    super(false, true);
    this.runtime = runtime;
  }

  @Override
  public void write(Kryo kryo, Output output, ActorHandleImpl<?> handle) {
    output.writeBytes(handle.getId().getBytes());
    output.writeVarInt(handle.maxPendingCalls(), true);
  }

  @Override
  public ActorHandleImpl<?> read(Kryo kryo, Input input, Class<? extends ActorHandleImpl<?>> type) {
    return new ActorHandleImpl<>(runtime, ActorId.fromBytes(input.readBytes(ActorId.LENGTH)),
        input.readVarInt(true));
  }
}
