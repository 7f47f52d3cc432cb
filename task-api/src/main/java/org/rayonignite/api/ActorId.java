package org.rayonignite.api;

import java.util.concurrent.ThreadLocalRandom;

/** Identifies an actor cluster-wide. 16 bytes, printed as hex. */
public final class ActorId extends BaseId {
  private static final long serialVersionUID = 1L;
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private ActorId(byte[] bytes) {
    super(bytes, LENGTH);
  }

  /** Parses the hex form that {@link #toString()} prints. */
  public static ActorId fromHex(String hex) {
    return new ActorId(parseHex(hex, LENGTH, "ActorId"));
  }

  /** The id with these bytes. */
  public static ActorId fromBytes(byte[] bytes) {
    return new ActorId(bytes.clone());
  }

  /** A new random id. */
  public static ActorId random() {
    byte[] bytes = new byte[LENGTH];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new ActorId(bytes);
  }
}
