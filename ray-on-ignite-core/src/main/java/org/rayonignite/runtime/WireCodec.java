package org.rayonignite.runtime;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.rayonignite.api.ActorId;
import org.rayonignite.api.ObjectId;
import org.rayonignite.api.TaskId;

/**
 * Encodes the runtime's own messages (tasks, results, object requests and replies) field by
 * field, without reflection. User values are already bytes inside them.
 */
final class WireCodec {
  private static final FunctionDescriptor.Kind[] KINDS = FunctionDescriptor.Kind.values();
  private static final TaskSpec.Kind[] TASK_KINDS = TaskSpec.Kind.values();
  /** Set in a task's kind byte when a runtime env follows: a task without one pays no byte for it. */
  private static final int HAS_ENV = 0x10;

  private WireCodec() {}

  // ---- tasks ----

  static void writeTask(Output out, TaskSpec spec) {
    out.writeBytes(spec.taskId.getBytes());
    out.writeInt(spec.jobId);
    out.writeString(spec.namespace);
    out.writeString(spec.name);
    out.writeString(spec.function.className);
    out.writeString(spec.function.methodName);
    out.writeString(spec.function.signature);
    out.writeByte(spec.function.kind.ordinal());
    writeBytes(out, spec.captured);
    out.writeVarInt(spec.args.length, true);
    for (TaskArg arg : spec.args) {
      if (arg.kind() == TaskArg.Kind.VALUE) {
        out.writeByte(0);
        writeBytes(out, arg.value());
      } else {
        out.writeByte(1);
        out.writeBytes(arg.refId().getBytes());
        writeLocation(out, arg.location());
      }
    }
    out.writeVarInt(spec.numReturns + 1, true);
    out.writeVarInt(spec.generatorBackpressure, true);
    writeBundle(out, spec.bundle);
    out.writeVarInt(spec.demand.names.length, true);
    for (int i = 0; i < spec.demand.names.length; i++) {
      out.writeString(spec.demand.names[i]);
      out.writeDouble(spec.demand.amounts[i]);
    }
    out.writeVarInt(spec.attempt, true);
    out.writeBoolean(spec.spillable);
    out.writeString(spec.affinityCache);
    out.writeVarInt(spec.affinityPartition + 1, true);
    out.writeByte(spec.kind.ordinal() | (spec.env != null ? HAS_ENV : 0));
    if (spec.kind != TaskSpec.Kind.TASK) {
      out.writeBytes(spec.actorId.getBytes());
      out.writeVarLong(spec.sequence, true);
      out.writeVarLong(spec.firstUnfinished, true);
      out.writeVarInt(spec.maxConcurrency, true);
      out.writeBoolean(spec.holdsResources);
    }
    if (spec.env != null) {
      RuntimeEnvs.write(out, spec.env);
    }
  }

  static TaskSpec readTask(Input in) {
    TaskId taskId = TaskId.fromBytes(in.readBytes(TaskId.LENGTH));
    int jobId = in.readInt();
    String namespace = in.readString();
    String name = in.readString();
    FunctionDescriptor function = new FunctionDescriptor(in.readString(), in.readString(),
        in.readString(), KINDS[in.readByte()]);
    byte[] captured = readBytes(in);
    TaskArg[] args = new TaskArg[in.readVarInt(true)];
    for (int i = 0; i < args.length; i++) {
      if (in.readByte() == 0) {
        args[i] = TaskArg.value(readBytes(in));
      } else {
        args[i] = TaskArg.ref(ObjectId.fromBytes(in.readBytes(ObjectId.LENGTH)), readLocation(in));
      }
    }
    int numReturns = in.readVarInt(true) - 1;
    int backpressure = in.readVarInt(true);
    BundleKey bundle = readBundle(in);
    String[] names = new String[in.readVarInt(true)];
    double[] amounts = new double[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = in.readString();
      amounts[i] = in.readDouble();
    }
    ResourceSet demand = names.length == 1 && "CPU".equals(names[0]) && amounts[0] == 1.0
        ? ResourceSet.ONE_CPU : ResourceSet.of(names, amounts);
    int attempt = in.readVarInt(true);
    boolean spillable = in.readBoolean();
    String affinityCache = in.readString();
    int affinityPartition = in.readVarInt(true) - 1;
    int kindAndFlags = in.readByte();
    TaskSpec.Kind kind = TASK_KINDS[kindAndFlags & ~HAS_ENV];
    if (kind == TaskSpec.Kind.TASK) {
      TaskSpec spec = new TaskSpec(taskId, jobId, namespace, name, function, captured, args,
          numReturns, demand, attempt, spillable, affinityCache, affinityPartition);
      spec.generatorBackpressure = backpressure;
      spec.bundle = bundle;
      if ((kindAndFlags & HAS_ENV) != 0) {
        spec.env = RuntimeEnvs.read(in);
      }
      return spec;
    }
    ActorId actorId = ActorId.fromBytes(in.readBytes(ActorId.LENGTH));
    long sequence = in.readVarLong(true);
    long firstUnfinished = in.readVarLong(true);
    int maxConcurrency = in.readVarInt(true);
    boolean holdsResources = in.readBoolean();
    TaskSpec spec = new TaskSpec(taskId, jobId, namespace, name, function, captured, args, numReturns,
        demand, attempt, spillable, affinityCache, affinityPartition, kind, actorId, sequence,
        firstUnfinished, maxConcurrency, holdsResources);
    spec.generatorBackpressure = backpressure;
    spec.bundle = bundle;
    if ((kindAndFlags & HAS_ENV) != 0) {
      spec.env = RuntimeEnvs.read(in);
    }
    return spec;
  }

  static void writeBundle(Output out, BundleKey bundle) {
    out.writeBoolean(bundle != null);
    if (bundle != null) {
      out.writeBytes(bundle.group().getBytes());
      out.writeVarInt(bundle.index(), true);
    }
  }

  static BundleKey readBundle(Input in) {
    if (!in.readBoolean()) {
      return null;
    }
    return new BundleKey(org.rayonignite.api.PlacementGroupId.fromBytes(
        in.readBytes(org.rayonignite.api.PlacementGroupId.LENGTH)), in.readVarInt(true));
  }

  // ---- results ----

  static void writeResult(Output out, TaskResult result) {
    out.writeBytes(result.taskId.getBytes());
    out.writeVarInt(result.attempt, true);
    writeUuid(out, result.executedOn);
    out.writeBoolean(result.inputsLocal);
    out.writeVarLong(result.bytesFetched, true);
    out.writeVarInt(result.itemCount, true);
    if (result.failed()) {
      out.writeByte(1);
      writeBytes(out, result.error);
      out.writeString(result.errorClassName);
    } else {
      out.writeByte(result.refsKept == null ? 0 : 2);
      out.writeVarInt(result.returns.length, true);
      for (ObjectLocation location : result.returns) {
        writeLocation(out, location);
      }
      if (result.refsKept != null) {
        out.writeVarInt(result.refsKept.length, true);
        for (int index : result.refsKept) {
          out.writeVarInt(index, true);
        }
      }
    }
  }

  static TaskResult readResult(Input in) {
    TaskId taskId = TaskId.fromBytes(in.readBytes(TaskId.LENGTH));
    int attempt = in.readVarInt(true);
    UUID executedOn = readUuid(in);
    boolean inputsLocal = in.readBoolean();
    long bytesFetched = in.readVarLong(true);
    int itemCount = in.readVarInt(true);
    byte status = in.readByte();
    if (status == 1) {
      byte[] error = readBytes(in);
      return new TaskResult(taskId, attempt, executedOn, null, error, in.readString())
          .withInputs(inputsLocal, bytesFetched).withItems(itemCount);
    }
    ObjectLocation[] returns = new ObjectLocation[in.readVarInt(true)];
    for (int i = 0; i < returns.length; i++) {
      returns[i] = readLocation(in);
    }
    TaskResult result = new TaskResult(taskId, attempt, executedOn, returns, null, null)
        .withInputs(inputsLocal, bytesFetched).withItems(itemCount);
    if (status == 2) {
      result.refsKept = new int[in.readVarInt(true)];
      for (int i = 0; i < result.refsKept.length; i++) {
        result.refsKept[i] = in.readVarInt(true);
      }
    }
    return result;
  }

  // ---- spills (a busy node hands a task back to its owner) ----

  /** A task handed back: its id and the attempt the node received. */
  record Spill(TaskId taskId, int attempt) {}

  static void writeSpill(Output out, Spill spill) {
    out.writeBytes(spill.taskId().getBytes());
    out.writeVarInt(spill.attempt(), true);
  }

  static Spill readSpill(Input in) {
    return new Spill(TaskId.fromBytes(in.readBytes(TaskId.LENGTH)), in.readVarInt(true));
  }

  // ---- runtime env workers ----

  /** Work running in an env's worker JVM blocks in get or wait, or resumes. */
  record EnvBlock(TaskId taskId, int attempt, boolean blocked) {}

  static void writeEnvBlock(Output out, EnvBlock block) {
    out.writeBytes(block.taskId().getBytes());
    out.writeVarInt(block.attempt(), true);
    out.writeBoolean(block.blocked());
  }

  static EnvBlock readEnvBlock(Input in) {
    return new EnvBlock(TaskId.fromBytes(in.readBytes(TaskId.LENGTH)), in.readVarInt(true),
        in.readBoolean());
  }

  // ---- borrowed refs ----

  /**
   * One step of the borrow protocol ({@link Borrowing}): a node starts holding refs to an object
   * (BORROW, acknowledged with its sequence number), or holds none any more (RELEASE).
   */
  record BorrowOp(byte kind, ObjectId id, long seq) {
    static final byte BORROW = 0;
    static final byte RELEASE = 1;
    static final byte ACK = 2;
    /** A task return is gone: the node that ran the task lets go of the refs its value holds. */
    static final byte CONTAINER_GONE = 3;

    static BorrowOp borrow(ObjectId id, long seq) {
      return new BorrowOp(BORROW, id, seq);
    }

    static BorrowOp release(ObjectId id) {
      return new BorrowOp(RELEASE, id, 0);
    }

    static BorrowOp containerGone(ObjectId id) {
      return new BorrowOp(CONTAINER_GONE, id, 0);
    }

    static BorrowOp ack(long seq) {
      return new BorrowOp(ACK, null, seq);
    }
  }

  static void writeBorrowOp(Output out, BorrowOp op) {
    out.writeByte(op.kind());
    if (op.kind() != BorrowOp.ACK) {
      out.writeBytes(op.id().getBytes());
    }
    if (op.kind() == BorrowOp.BORROW || op.kind() == BorrowOp.ACK) {
      out.writeVarLong(op.seq(), true);
    }
  }

  static BorrowOp readBorrowOp(Input in) {
    byte kind = in.readByte();
    ObjectId id = kind != BorrowOp.ACK ? ObjectId.fromBytes(in.readBytes(ObjectId.LENGTH)) : null;
    long seq = kind == BorrowOp.BORROW || kind == BorrowOp.ACK ? in.readVarLong(true) : 0;
    return new BorrowOp(kind, id, seq);
  }

  // ---- streaming generators ----

  /** Element {@code index} of a streaming task, ready at {@code location}. */
  record GeneratorItem(TaskId taskId, int attempt, int index, ObjectLocation location) {}

  static void writeItem(Output out, GeneratorItem item) {
    out.writeBytes(item.taskId().getBytes());
    out.writeVarInt(item.attempt(), true);
    out.writeVarInt(item.index(), true);
    writeLocation(out, item.location());
  }

  static GeneratorItem readItem(Input in) {
    return new GeneratorItem(TaskId.fromBytes(in.readBytes(TaskId.LENGTH)), in.readVarInt(true),
        in.readVarInt(true), readLocation(in));
  }

  /** The caller consumed {@code consumed} elements of a streaming task (for backpressure). */
  record GeneratorAck(TaskId taskId, int consumed) {}

  static void writeAck(Output out, GeneratorAck ack) {
    out.writeBytes(ack.taskId().getBytes());
    out.writeVarInt(ack.consumed(), true);
  }

  static GeneratorAck readAck(Input in) {
    return new GeneratorAck(TaskId.fromBytes(in.readBytes(TaskId.LENGTH)), in.readVarInt(true));
  }

  // ---- placement-group bundles ----

  /** Reserve (with {@code resources}) or release a bundle on the receiving node. */
  record BundleOp(long requestId, BundleKey bundle, java.util.Map<String, Double> resources) {}

  /** The answer to a reserve. */
  record BundleReply(long requestId, boolean ok) {}

  static void writeBundleOp(Output out, BundleOp op) {
    out.writeVarLong(op.requestId(), true);
    writeBundle(out, op.bundle());
    out.writeBoolean(op.resources() != null);
    if (op.resources() != null) {
      out.writeVarInt(op.resources().size(), true);
      op.resources().forEach((name, amount) -> {
        out.writeString(name);
        out.writeDouble(amount);
      });
    }
  }

  static BundleOp readBundleOp(Input in) {
    long requestId = in.readVarLong(true);
    BundleKey bundle = readBundle(in);
    java.util.Map<String, Double> resources = null;
    if (in.readBoolean()) {
      resources = new java.util.LinkedHashMap<>();
      for (int i = in.readVarInt(true); i > 0; i--) {
        resources.put(in.readString(), in.readDouble());
      }
    }
    return new BundleOp(requestId, bundle, resources);
  }

  static void writeBundleReply(Output out, BundleReply reply) {
    out.writeVarLong(reply.requestId(), true);
    out.writeBoolean(reply.ok());
  }

  static BundleReply readBundleReply(Input in) {
    return new BundleReply(in.readVarLong(true), in.readBoolean());
  }

  // ---- cancellation ----

  /**
   * Cancel a task: sent to its owner ({@code toOwner}, when a borrower cancels) or by the owner
   * to the node running it.
   */
  record Cancel(TaskId taskId, int attempt, boolean force, boolean recursive, boolean toOwner) {}

  static void writeCancel(Output out, Cancel cancel) {
    out.writeBytes(cancel.taskId().getBytes());
    out.writeVarInt(cancel.attempt(), true);
    out.writeBoolean(cancel.force());
    out.writeBoolean(cancel.recursive());
    out.writeBoolean(cancel.toOwner());
  }

  static Cancel readCancel(Input in) {
    return new Cancel(TaskId.fromBytes(in.readBytes(TaskId.LENGTH)), in.readVarInt(true),
        in.readBoolean(), in.readBoolean(), in.readBoolean());
  }

  // ---- actor control (kill) ----

  /** Kill an actor: for good, or letting it restart if it has restarts left. */
  record ActorKill(ActorId actorId, boolean noRestart) {}

  static void writeKill(Output out, ActorKill kill) {
    out.writeBytes(kill.actorId().getBytes());
    out.writeBoolean(kill.noRestart());
  }

  static ActorKill readKill(Input in) {
    return new ActorKill(ActorId.fromBytes(in.readBytes(ActorId.LENGTH)), in.readBoolean());
  }

  // ---- object requests (borrower to owner) and replies ----

  static void writeObjectId(Output out, ObjectId id) {
    out.writeBytes(id.getBytes());
  }

  static ObjectId readObjectId(Input in) {
    return ObjectId.fromBytes(in.readBytes(ObjectId.LENGTH));
  }

  /** A reply: the object's location, or its serialized failure. */
  record ObjectReply(ObjectId id, ObjectLocation location, byte[] error) {}

  static void writeReply(Output out, ObjectReply reply) {
    writeObjectId(out, reply.id());
    if (reply.error() != null) {
      out.writeByte(1);
      writeBytes(out, reply.error());
    } else {
      out.writeByte(0);
      writeLocation(out, reply.location());
    }
  }

  static ObjectReply readReply(Input in) {
    ObjectId id = readObjectId(in);
    if (in.readByte() == 1) {
      return new ObjectReply(id, null, readBytes(in));
    }
    return new ObjectReply(id, readLocation(in), null);
  }

  // ---- batches ----

  interface Writer<T> {
    void write(Output out, T item);
  }

  interface Reader<T> {
    T read(Input in);
  }

  static <T> byte[] writeBatch(List<T> items, Writer<T> writer) {
    Output out = new Output(256, -1);
    out.writeVarInt(items.size(), true);
    for (T item : items) {
      writer.write(out, item);
    }
    return out.toBytes();
  }

  static <T> List<T> readBatch(byte[] payload, Reader<T> reader) {
    Input in = new Input(payload);
    int count = in.readVarInt(true);
    List<T> items = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      items.add(reader.read(in));
    }
    return items;
  }

  // ---- pieces ----

  /** Location kinds on the wire: bit 0 stored (else inline), bit 1 raw bytes. */
  private static final int STORED = 1;
  private static final int RAW_BYTES = 2;

  static void writeLocation(Output out, ObjectLocation location) {
    int flags = location.rawBytes() ? RAW_BYTES : 0;
    if (location instanceof ObjectLocation.Inline inline) {
      out.writeByte(flags);
      writeBytes(out, inline.bytes());
    } else {
      ObjectLocation.Stored stored = (ObjectLocation.Stored) location;
      out.writeByte(flags | STORED);
      out.writeLong(stored.key());
      out.writeVarInt(stored.size(), true);
    }
  }

  static ObjectLocation readLocation(Input in) {
    int flags = in.readByte();
    boolean rawBytes = (flags & RAW_BYTES) != 0;
    if ((flags & STORED) == 0) {
      return new ObjectLocation.Inline(readBytes(in), rawBytes);
    }
    return new ObjectLocation.Stored(in.readLong(), in.readVarInt(true), rawBytes);
  }

  static void writeUuid(Output out, UUID id) {
    out.writeLong(id.getMostSignificantBits());
    out.writeLong(id.getLeastSignificantBits());
  }

  static UUID readUuid(Input in) {
    return new UUID(in.readLong(), in.readLong());
  }

  static void writeBytes(Output out, byte[] bytes) {
    if (bytes == null) {
      out.writeVarInt(0, true);
    } else {
      out.writeVarInt(bytes.length + 1, true);
      out.writeBytes(bytes);
    }
  }

  static byte[] readBytes(Input in) {
    int length = in.readVarInt(true) - 1;
    return length < 0 ? null : in.readBytes(length);
  }
}
