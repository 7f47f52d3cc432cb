package org.rayonignite.api;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Identifies a task: the node that submitted it (its owner) and a number unique on that node.
 * 24 bytes: owner node id (16) then the sequence number (8).
 */
public final class TaskId extends BaseId {
  private static final long serialVersionUID = 1L;
  /** Length in bytes. */
  public static final int LENGTH = 24;

  private TaskId(byte[] bytes) {
    super(bytes, LENGTH);
  }

  /** The task with this owner and sequence number. */
  public static TaskId of(UUID ownerNodeId, long sequence) {
    return new TaskId(ByteBuffer.allocate(LENGTH).putLong(ownerNodeId.getMostSignificantBits())
        .putLong(ownerNodeId.getLeastSignificantBits()).putLong(sequence).array());
  }

  /** Parses the hex form that {@link #toString()} prints. */
  public static TaskId fromHex(String hex) {
    return new TaskId(parseHex(hex, LENGTH, "TaskId"));
  }

  /** The id with these bytes. */
  public static TaskId fromBytes(byte[] bytes) {
    return new TaskId(bytes.clone());
  }

  /** The node that submitted the task and owns its return objects. */
  public NodeId getOwnerNodeId() {
    return NodeId.of(getOwnerUuid());
  }

  /** The owner's Ignite node id. */
  public UUID getOwnerUuid() {
    ByteBuffer buffer = ByteBuffer.wrap(bytes());
    return new UUID(buffer.getLong(), buffer.getLong());
  }

  /** The number unique on the owner node. */
  public long getSequence() {
    return ByteBuffer.wrap(bytes()).getLong(16);
  }
}
