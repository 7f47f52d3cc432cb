package org.rayonignite.api;

import java.util.concurrent.ThreadLocalRandom;

/** Identifies a placement group cluster-wide. 16 bytes, printed as hex. */
public final class PlacementGroupId extends BaseId {
  private static final long serialVersionUID = 1L;
  /** Length in bytes. */
  public static final int LENGTH = 16;

  private PlacementGroupId(byte[] bytes) {
    super(bytes, LENGTH);
  }

  /** The id with these bytes. */
  public static PlacementGroupId fromBytes(byte[] bytes) {
    return new PlacementGroupId(bytes.clone());
  }

  /** Parses the hex form that {@link #toString()} prints. */
  public static PlacementGroupId fromHex(String hex) {
    return new PlacementGroupId(parseHex(hex, LENGTH, "PlacementGroupId"));
  }

  /** A new random id. */
  public static PlacementGroupId random() {
    byte[] bytes = new byte[LENGTH];
    ThreadLocalRandom.current().nextBytes(bytes);
    return new PlacementGroupId(bytes);
  }
}
