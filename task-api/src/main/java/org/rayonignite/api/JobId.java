package org.rayonignite.api;

import java.nio.ByteBuffer;

/** Identifies a job: one driver's session between {@code Ray.init} and {@code Ray.shutdown}. 4 bytes. */
public final class JobId extends BaseId {
  private static final long serialVersionUID = 1L;
  /** Length in bytes. */
  public static final int LENGTH = 4;

  private JobId(byte[] bytes) {
    super(bytes, LENGTH);
  }

  /** The job with this number. */
  public static JobId of(int number) {
    return new JobId(ByteBuffer.allocate(LENGTH).putInt(number).array());
  }

  /** Parses the hex form that {@link #toString()} prints. */
  public static JobId fromHex(String hex) {
    return new JobId(parseHex(hex, LENGTH, "JobId"));
  }

  /** The job's number. */
  public int toInt() {
    return ByteBuffer.wrap(bytes()).getInt();
  }
}
