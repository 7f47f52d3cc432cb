package org.rayonignite.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.rayonignite.Ray;
import org.rayonignite.config.RayConfig;

/**
 * The {@code ray-ignite} command line ({@code bin/ray-ignite}).
 *
 * <pre>
 * ray-ignite start --block --address 127.0.0.1:47500..47509 [--port P]
 *                  [--resources CPU=2,GPU=1,custom=4] [--labels zone=a,tier=gold]
 *                  [--namespace NS] [--object-store-memory BYTES] [--object-store-backups N]
 *                  [--spring-xml FILE] [--client]
 * </pre>
 *
 * {@code start --block} runs a node in the foreground until the process is stopped (a signal
 * runs {@code Ray.shutdown()}). It prints one line when the node is up:
 * {@code Ray on Ignite node <id> started at <host:port> with resources {...}}. The launcher
 * script runs it in the background for {@code start} without {@code --block}.
 */
public final class RayIgnite {
  /** The line {@code start} prints once the node is up, before its id. */
  public static final String STARTED = "Ray on Ignite node ";

  private RayIgnite() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns the process exit code. Blocks for {@code start --block}. */
  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    try {
      switch (args[0]) {
        case "start":
          return start(tail(args), out);
        default:
          err.println("ray-ignite: unknown command \"" + args[0] + "\"\n" + usage());
          return 2;
      }
    } catch (IllegalArgumentException e) {
      err.println("ray-ignite: " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("ray-ignite: " + e.getMessage());
      return 1;
    }
  }

  private static int start(List<String> args, PrintStream out) {
    RayConfig.Builder config = RayConfig.builder();
    boolean block = false;
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      switch (option) {
        case "--block" -> block = true;
        case "--client" -> config.clientMode(true);
        case "--address" -> config.address(value(args, ++i, option));
        case "--port" -> config.port(intValue(args, ++i, option));
        case "--resources" -> config.resources(RayConfig.parseResources(value(args, ++i, option)));
        case "--labels" -> config.labels(RayConfig.parseLabels(value(args, ++i, option)));
        case "--namespace" -> config.namespace(value(args, ++i, option));
        case "--object-store-memory" -> config.objectStoreMemoryBytes(longValue(args, ++i, option));
        case "--object-store-backups" -> config.objectStoreBackups(intValue(args, ++i, option));
        case "--spring-xml" -> config.springXml(value(args, ++i, option));
        case "--work-dir" -> config.workDirectory(value(args, ++i, option));
        default -> throw new IllegalArgumentException("unknown option for start: " + option);
      }
    }
    if (!block) {
      throw new IllegalArgumentException("start runs in the foreground only with --block; "
          + "bin/ray-ignite start (without --block) runs it in the background");
    }
    Ray.init(config.build());
    out.println(STARTED + Ray.getRuntimeContext().getCurrentNodeId() + " started at "
        + addressOfThisNode() + " with resources " + resourcesOfThisNode());
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }

  private static String addressOfThisNode() {
    String self = Ray.getRuntimeContext().getCurrentNodeId().toString();
    return Ray.getRuntimeContext().getAllNodeInfo().stream()
        .filter(n -> n.getNodeId().toString().equals(self)).map(n -> n.getAddress())
        .findFirst().orElse("?");
  }

  private static String resourcesOfThisNode() {
    String self = Ray.getRuntimeContext().getCurrentNodeId().toString();
    return Ray.getRuntimeContext().getAllNodeInfo().stream()
        .filter(n -> n.getNodeId().toString().equals(self)).map(n -> n.getResources().toString())
        .findFirst().orElse("{}");
  }

  private static String usage() {
    return "usage: ray-ignite start --block --address HOST:PORT[..PORT] [--port P]\n"
        + "                        [--resources CPU=2,GPU=1,NAME=N] [--labels KEY=VALUE,...]\n"
        + "                        [--namespace NS] [--object-store-memory BYTES]\n"
        + "                        [--object-store-backups N] [--spring-xml FILE] [--client]";
  }

  private static List<String> tail(String[] args) {
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rest.add(args[i]);
    }
    return rest;
  }

  private static String value(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  private static int intValue(List<String> args, int index, String option) {
    return (int) longValue(args, index, option, Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  private static long longValue(List<String> args, int index, String option) {
    return longValue(args, index, option, Long.MIN_VALUE, Long.MAX_VALUE);
  }

  private static long longValue(List<String> args, int index, String option, long min, long max) {
    String value = value(args, index, option);
    try {
      long parsed = Long.parseLong(value);
      if (parsed < min || parsed > max) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs an integer, got \"" + value + "\"");
    }
  }
}
