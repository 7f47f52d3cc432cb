package org.rayonignite.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The command line: which modes and benchmarks to run, and how long. */
record BenchmarkOptions(Set<Mode> modes, Set<String> only, RunLength warmUp, RunLength timedRun,
    int rounds, String address, boolean verbose, boolean help) {

  private static final String USAGE = """
      Usage: Microbenchmarks [options]
        --mode embedded|2jvm|3jvm|all
                                   where to run (default all: embedded, 2 JVMs, then 3 JVMs;
                                   each benchmark runs in the modes it is made for)
        --only NAME[,NAME...]      run only these benchmarks (default all)
        --warmup S                 length of each of a side's two warm-up passes, in seconds (default 2)
        --seconds S                length of each timed run, in seconds (default 1)
        --rounds N                 timed runs per side, alternating ours and raw; the median counts (default 5)
        --address HOST:PORTS       discovery addresses of the 2- and 3-JVM clusters (default 127.0.0.1:47900..47909)
        --verbose                  print every run's figure
        --help                     print this
      Benchmarks:
      """;

  private static final String DEFAULT_ADDRESS = "127.0.0.1:47900..47909";

  /** The usage text, listing the benchmark {@code names}. */
  static String usage(List<String> names) {
    return USAGE + "  " + String.join("\n  ", names);
  }

  /** Parses {@code args}; {@code names} are the benchmarks {@code --only} may name. */
  static BenchmarkOptions parse(String[] args, List<String> names) {
    Set<Mode> modes = EnumSet.allOf(Mode.class);
    Set<String> only = new LinkedHashSet<>(names);
    double warmUpSeconds = 2;
    double seconds = 1;
    int rounds = 5;
    String address = DEFAULT_ADDRESS;
    boolean verbose = false;
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      switch (option) {
        case "--mode" -> modes = modes(value(args, ++i, option));
        case "--only" -> only = benchmarks(value(args, ++i, option), names);
        case "--warmup" -> warmUpSeconds = positive(value(args, ++i, option), option);
        case "--seconds" -> seconds = positive(value(args, ++i, option), option);
        case "--rounds" -> rounds = positiveInteger(value(args, ++i, option), option);
        case "--address" -> address = value(args, ++i, option);
        case "--verbose" -> verbose = true;
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new BenchmarkOptions(modes, only, timed(warmUpSeconds), timed(seconds), rounds, address,
        verbose, help);
  }

  private static RunLength timed(double seconds) {
    return RunLength.ofTime(Duration.ofMillis(Math.round(seconds * 1000)));
  }

  private static Set<Mode> modes(String value) {
    if (value.equals("all")) {
      return EnumSet.allOf(Mode.class);
    }
    for (Mode mode : Mode.values()) {
      if (mode.argument.equals(value)) {
        return EnumSet.of(mode);
      }
    }
    throw new IllegalArgumentException("--mode must be embedded, 2jvm, 3jvm or all, got " + value);
  }

  private static Set<String> benchmarks(String value, List<String> names) {
    Set<String> chosen = new LinkedHashSet<>();
    List<String> unknown = new ArrayList<>();
    for (String name : value.split(",")) {
      String trimmed = name.trim();
      (names.contains(trimmed) ? chosen : unknown).add(trimmed);
    }
    if (!unknown.isEmpty()) {
      throw new IllegalArgumentException("unknown benchmark(s) " + unknown + "; known: " + names);
    }
    return chosen;
  }

  private static String value(String[] args, int index, String option) {
    if (index >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[index];
  }

  private static int positiveInteger(String value, String option) {
    try {
      int number = Integer.parseInt(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive integer, got " + value);
  }

  private static double positive(String value, String option) {
    try {
      double number = Double.parseDouble(value);
      if (number > 0) {
        return number;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(option + " must be a positive number, got " + value);
  }
}
