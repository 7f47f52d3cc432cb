package org.rayonignite.api;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Identifies an object: the task that made it (or the {@code put} that stored it) and an index.
 * 28 bytes: the {@link TaskId} (24, which carries the owner node) then the index (4).
 */
public final class ObjectId extends BaseId {
  private static final long serialVersionUID = 1L;
  /** Length in bytes. */
  public static final int LENGTH = 28;

  private ObjectId(byte[] bytes) {
    super(bytes, LENGTH);
  }

  /** Return object {@code index} of {@code taskId}. */
  public static ObjectId of(TaskId taskId, int index) {
    return new ObjectId(ByteBuffer.allocate(LENGTH).put(taskId.bytes()).putInt(index).array());
  }

  /** Parses the hex form that {@link #toString()} prints. */
  public static ObjectId fromHex(String hex) {
    return new ObjectId(parseHex(hex, LENGTH, "ObjectId"));
  }

  /** The id with these bytes. */
  public static ObjectId fromBytes(byte[] bytes) {
    return new ObjectId(bytes.clone());
  }

  /** The task (or put) that made the object. */
  public TaskId getTaskId() {
    byte[] task = new byte[TaskId.LENGTH];
    System.arraycopy(bytes(), 0, task, 0, TaskId.LENGTH);
    return TaskId.fromBytes(task);
  }

  /** The index among the task's return objects. */
  public int getIndex() {
    return ByteBuffer.wrap(bytes()).getInt(TaskId.LENGTH);
  }

  /** The node that owns the object: it submitted the task or called put. */
  public NodeId getOwnerNodeId() {
    return NodeId.of(getOwnerUuid());
  }

  /** The owner's Ignite node id. */
  public UUID getOwnerUuid() {
    ByteBuffer buffer = ByteBuffer.wrap(bytes());
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
