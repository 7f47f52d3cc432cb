package org.rayonignite.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rayonignite.Ray;
import org.rayonignite.config.ClassNamePattern;
import org.rayonignite.config.RayConfig;

/**
 * The {@code ray-ignite} command line ({@code bin/ray-ignite}).
 *
 * <pre>
 * ray-ignite start --block --address 127.0.0.1:47500..47509 [--port P]
 *                  [--resources CPU=2,GPU=1,custom=4] [--labels zone=a,tier=gold]
 *                  [--namespace NS] [--object-store-memory BYTES] [--object-store-backups N]
 *                  [--spring-xml FILE] [--client] [--metrics-port P]
 *                  [--deserialization-allow-list PATTERNS] [--deserialization-deny-list PATTERNS]
 *                  [--kubernetes NAMESPACE/SERVICE [--kubernetes-master-url URL]
 *                   [--kubernetes-account-token FILE]]
 *                  [--tls-key-store FILE --tls-key-store-password PASSWORD
 *                   --tls-trust-store FILE --tls-trust-store-password PASSWORD]
 * </pre>
 *
 * {@code start --block} runs a node in the foreground until the process is stopped (a signal
 * runs {@code Ray.shutdown()}). It prints one line when the node is up:
 * {@code Ray on Ignite node <id> started at <host:port> with resources {...}}. The launcher
 * script runs it in the background for {@code start} without {@code --block}.
 *
 * <p>The read commands {@code status}, {@code list}, {@code get}, {@code summary} and
 * {@code timeline} ({@link StateCommands}) show what a running cluster does.
 */
public final class RayIgnite {
  /** The line {@code start} prints once the node is up, before its id. */
  public static final String STARTED = "Ray on Ignite node ";

  /** How Ignite's discovery says a node without TLS got a TLS alert back. */
  private static final String IGNITE_SAW_TLS_ALERT = "Detected SSL alert";
  private static final Pattern REMOTE_ADDRESS = Pattern.compile("rmtAddr=([^,\\]\\s]+)");

  private RayIgnite() {}

  public static void main(String[] args) {
    boolean readCommand = args.length > 0 && StateCommands.COMMANDS.contains(args[0]);
    if (readCommand) {
      // A read command prints its answer, or one line saying why not; not the log of its client
      // node (unless asked: -Dorg.slf4j.simpleLogger.defaultLogLevel=info).
      setIfAbsent("org.slf4j.simpleLogger.log.org.apache.ignite", "off");
      setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "off");
    }
    int code = run(args, System.out, System.err, System::getenv);
    if (code != 0 || readCommand) {
      System.out.flush();
      System.exit(code);
    }
  }

  private static void setIfAbsent(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  /** Runs a command; returns the process exit code. Blocks for {@code start --block}. */
  static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      out.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    boolean readCommand = StateCommands.COMMANDS.contains(args[0]);
    try {
      if (args[0].equals("start")) {
        return start(tail(args), out, env);
      }
      if (readCommand) {
        return StateCommands.run(args[0], tail(args), out, err, env);
      }
      err.println("ray-ignite: unknown command \"" + args[0] + "\"\n" + usage());
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("ray-ignite: " + (readCommand ? oneLine(e.getMessage()) : e.getMessage()));
      return 2;
    } catch (RuntimeException e) {
      // A read command says why it failed in one line: no cluster there, no such id, ...
      err.println("ray-ignite: " + (readCommand ? oneLine(e.getMessage()) : reason(e)));
      return 1;
    }
  }

  private static String oneLine(String message) {
    return String.valueOf(message).replaceAll("\\s*\\R\\s*", " ").trim();
  }

  /**
   * The message of {@code e}, or a plainer one for TLS failures, which Ignite wraps in a guess
   * ("Was remote cluster configured with SSL?"): a TLS check of ours deeper down ("TLS: ...") or
   * the TLS alert a node without TLS got from a node with it.
   */
  static String reason(Throwable e) {
    String tls = tlsReason(e);
    return tls != null ? "could not start the node: " + tls : e.getMessage();
  }

  /** The TLS problem behind {@code e} in plain words ("TLS: ..."), or null if it is not one. */
  static String tlsReason(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      String message = cause.getMessage();
      if (message != null && message.startsWith("TLS: ")) {
        return message;
      }
      if (message != null && message.startsWith(IGNITE_SAW_TLS_ALERT)) {
        Matcher address = REMOTE_ADDRESS.matcher(String.valueOf(e.getMessage()));
        return "TLS: the node at " + (address.find() ? address.group(1) : "the cluster's address")
            + " uses TLS and this node does not (start it with the --tls-* options)";
      }
    }
    return null;
  }

  private static int start(List<String> args, PrintStream out, Function<String, String> env) {
    RayConfig config = parseStart(args, env);
    Ray.init(config);
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

  /** The configuration {@code start} options describe; {@code env} supplies TLS passwords left out. */
  static RayConfig parseStart(List<String> args, Function<String, String> env) {
    RayConfig.Builder config = RayConfig.builder();
    TlsOptions tls = new TlsOptions();
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
        case "--metrics-port" -> config.metricsPort(intValue(args, ++i, option));
        case "--deserialization-allow-list" ->
            config.deserializationAllowList(ClassNamePattern.parseList(value(args, ++i, option)));
        case "--deserialization-deny-list" ->
            config.deserializationDenyList(ClassNamePattern.parseList(value(args, ++i, option)));
        case "--kubernetes" -> config.kubernetes(value(args, ++i, option));
        case "--kubernetes-master-url" -> config.kubernetesMasterUrl(value(args, ++i, option));
        case "--kubernetes-account-token" -> config.kubernetesAccountToken(value(args, ++i, option));
        case TlsOptions.KEY_STORE, TlsOptions.TRUST_STORE -> tls.set(option, value(args, ++i, option));
        case TlsOptions.KEY_STORE_PASSWORD, TlsOptions.TRUST_STORE_PASSWORD ->
            tls.set(option, anyValue(args, ++i, option));
        default -> throw new IllegalArgumentException("unknown option for start: " + option);
      }
    }
    if (!block) {
      throw new IllegalArgumentException("start runs in the foreground only with --block; "
          + "bin/ray-ignite start (without --block) runs it in the background");
    }
    tls.applyTo(config, env);
    return config.build();
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
    return "usage: ray-ignite status [--address HOST:PORTS] [--format table|json|yaml]\n"
        + "       ray-ignite list nodes|actors|tasks|objects|placement-groups [--filter KEY=VALUE]...\n"
        + "                       [--limit N] [--detail] [--format table|json|yaml] [--address HOST:PORTS]\n"
        + "       ray-ignite get node|actor|task|object|placement-group ID [--format yaml|json|table]\n"
        + "       ray-ignite summary tasks|actors|objects [--format table|json|yaml]\n"
        + "       ray-ignite timeline [--output FILE]\n"
        + "       ray-ignite start --block --address HOST:PORT[..PORT] [--port P]\n"
        + "                        [--resources CPU=2,GPU=1,NAME=N] [--labels KEY=VALUE,...]\n"
        + "                        [--namespace NS] [--object-store-memory BYTES]\n"
        + "                        [--object-store-backups N] [--spring-xml FILE] [--client]\n"
        + "                        [--metrics-port P] [--deserialization-allow-list PATTERNS]\n"
        + "                        [--deserialization-deny-list PATTERNS]\n"
        + "                        [--kubernetes NAMESPACE/SERVICE [--kubernetes-master-url URL]\n"
        + "                         [--kubernetes-account-token FILE]]\n"
        + "                        [--tls-key-store FILE --tls-key-store-password PASSWORD\n"
        + "                         --tls-trust-store FILE --tls-trust-store-password PASSWORD]\n"
        + "TLS passwords left out are read from RAY_TLS_KEY_STORE_PASSWORD and\n"
        + "RAY_TLS_TRUST_STORE_PASSWORD.";
  }

  private static List<String> tail(String[] args) {
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      rest.add(args[i]);
    }
    return rest;
  }

  static String value(List<String> args, int index, String option) {
    if (index >= args.size() || args.get(index).startsWith("--")) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  /** A value that may look like an option (a password may start with "--"). */
  static String anyValue(List<String> args, int index, String option) {
    if (index >= args.size()) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args.get(index);
  }

  static int intValue(List<String> args, int index, String option) {
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
