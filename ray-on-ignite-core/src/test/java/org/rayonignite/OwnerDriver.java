package org.rayonignite;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.rayonignite.api.ObjectRef;
import org.rayonignite.api.actor.ActorHandle;
import org.rayonignite.config.RayConfig;

/**
 * A driver of its own JVM for {@link OwnerDeathTest}: puts two objects, hands their refs to the
 * named actor {@code refs-mailbox}, prints {@code READY} and waits for its stdin to close.
 */
public final class OwnerDriver {
  private OwnerDriver() {}

  public static void main(String[] args) throws Exception {
    Ray.init(RayConfig.builder().address(args[0]).resources(Map.of("CPU", 0.0)).build());
    try {
      ActorHandle<OwnerDeathTest.RefMailbox> mailbox =
          Ray.<OwnerDeathTest.RefMailbox>getActor("refs-mailbox", "owner-death").orElseThrow();
      byte[] large = new byte[300_000];
      large[0] = 42;
      ObjectRef<byte[]> stored = Ray.put(large);
      ObjectRef<byte[]> small = Ray.put(new byte[] {7});
      mailbox.task(OwnerDeathTest.RefMailbox::put, List.of(stored, small)).remote().get();
      System.out.println("READY");
      System.out.flush();
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    } finally {
      Ray.shutdown();
    }
  }
}
