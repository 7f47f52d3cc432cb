package org.rayonignite.api;

import java.nio.ByteBuffer;
import java.util.UUID;

/**
 * Identifies a cluster node: the Ignite node id ({@code ClusterNode.id()}) as 16 bytes.
 */
public final class NodeId extends BaseId {
  private static final long serialVersionUID = 1L;
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private NodeId(byte[] bytes) {
    super(bytes, LENGTH);
  }

  /** The id of the Ignite node with this id. */
  public static NodeId of(UUID igniteNodeId) {
    return new NodeId(ByteBuffer.allocate(LENGTH).putLong(igniteNodeId.getMostSignificantBits())
        .putLong(igniteNodeId.getLeastSignificantBits()).array());
  }

  /** Parses the hex form that {@link #toString()} prints. */
  public static NodeId fromHex(String hex) {
    return new NodeId(parseHex(hex, LENGTH, "NodeId"));
  }

  /** The id with these bytes. */
  public static NodeId fromBytes(byte[] bytes) {
    return new NodeId(bytes.clone());
  }

  /** The Ignite node id ({@code ClusterNode.id()}). */
  public UUID toUuid() {
    ByteBuffer buffer = ByteBuffer.wrap(bytes());
    return new UUID(buffer.getLong(), buffer.getLong());
  }
}
