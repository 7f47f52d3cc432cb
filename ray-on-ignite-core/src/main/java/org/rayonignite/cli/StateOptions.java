package org.rayonignite.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The options of the read commands ({@code status}, {@code list}, {@code get}, {@code summary},
 * {@code timeline}): where the cluster is, how to print, and each command's own; each command
 * takes only the options that mean something to it, and says so about the others.
 *
 * <p>{@code --address} defaults to {@code RAY_ADDRESS}, else {@value #DEFAULT_ADDRESS}
 * ({@code bin/ray-ignite} passes the address its {@code start} used on this machine).
 */
final class StateOptions {
  static final String DEFAULT_ADDRESS = "127.0.0.1:47500..47509";
  /** Rows {@code list} prints unless {@code --limit} says otherwise (as Ray). */
  static final int DEFAULT_LIMIT = 100;

  final String command;
  String address;
  OutputFormat format;
  final List<RowFilter> filters = new ArrayList<>();
  int limit = DEFAULT_LIMIT;
  boolean detail;
  String output;
  final TlsOptions tls = new TlsOptions();
  /** The arguments that are not options, in order: what to list, get or summarize, and ids. */
  final List<String> positional = new ArrayList<>();

  private StateOptions(String command) {
    this.command = command;
  }

  /**
   * Parses {@code args} of {@code command}, accepting of the command-specific options only those
   * in {@code accepted} (e.g. {@code --filter}); {@code env} supplies RAY_ADDRESS.
   */
  static StateOptions parse(String command, List<String> args, Set<String> accepted,
      Function<String, String> env) {
    StateOptions options = new StateOptions(command);
    for (int i = 0; i < args.size(); i++) {
      String option = args.get(i);
      if (option.startsWith("--") && !option.equals("--address") && !option.equals("--format")
          && !option.startsWith("--tls-") && !accepted.contains(option)) {
        throw new IllegalArgumentException("unknown option for " + command + ": " + option);
      }
      switch (option) {
        case "--address" -> options.address = RayIgnite.value(args, ++i, option);
        case "--format" -> options.format = OutputFormat.parse(RayIgnite.value(args, ++i, option));
        case "--filter" -> options.filters.add(RowFilter.parse(RayIgnite.value(args, ++i, option)));
        case "--limit" -> {
          options.limit = RayIgnite.intValue(args, ++i, option);
          if (options.limit < 1) {
            throw new IllegalArgumentException("--limit must be at least 1, got " + options.limit);
          }
        }
        case "--detail" -> options.detail = true;
        case "--output" -> options.output = RayIgnite.value(args, ++i, option);
        case TlsOptions.KEY_STORE, TlsOptions.TRUST_STORE ->
            options.tls.set(option, RayIgnite.value(args, ++i, option));
        case TlsOptions.KEY_STORE_PASSWORD, TlsOptions.TRUST_STORE_PASSWORD ->
            options.tls.set(option, RayIgnite.anyValue(args, ++i, option));
        default -> {
          if (option.startsWith("--")) {
            throw new IllegalArgumentException("unknown option for " + command + ": " + option);
          }
          options.positional.add(option);
        }
      }
    }
    if (options.address == null) {
      String fromEnv = env.apply("RAY_ADDRESS");
      options.address = fromEnv != null && !fromEnv.isBlank() ? fromEnv.trim() : DEFAULT_ADDRESS;
    }
    return options;
  }

  /** The format asked for, else {@code fallback}. */
  OutputFormat format(OutputFormat fallback) {
    return format != null ? format : fallback;
  }

  /** The positional arguments, which must number {@code count}; {@code usage} shows them. */
  void expectPositional(int count, String usage) {
    if (positional.size() != count) {
      throw new IllegalArgumentException(positional.size() < count
          ? "usage: ray-ignite " + usage : "unexpected argument for " + command + ": "
          + positional.get(count));
    }
  }
}
