package org.rayonignite.bench;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Ray's core microbenchmarks ({@code ray microbenchmark}) on Ray on Ignite, each next to the raw
 * Ignite figure of the same shape measured in the same run on the same node, so the table shows
 * what our layer costs over Ignite: embedded (one node in this JVM), over two JVMs on loopback
 * (this driver and a worker node; the multi-client benchmark adds a second driver JVM), and over
 * three JVMs (this driver and two workers: data locality). See {@code bench/README.md}.
 */
public final class Microbenchmarks {
  private static final List<Benchmark> ALL = List.of(
      new TasksSyncBenchmark(),
      new TasksAsyncBenchmark(),
      new PutCallsBenchmark(),
      new GetCallsBenchmark(),
      new WaitOnReadyRefsBenchmark(),
      new PutGigabytesBenchmark(),
      new MultiClientTasksAsyncBenchmark(),
      new ActorCallsSyncBenchmark(),
      ActorCallsAsyncBenchmark.oneActor(),
      ActorCallsAsyncBenchmark.oneConcurrentActor(),
      ActorCallsAsyncBenchmark.manyActors(),
      new ActorCallsManyCallersBenchmark(),
      new StreamingGeneratorBenchmark(),
      new MultipleReturnsBenchmark(),
      new PlacementGroupBenchmark(),
      new LocalityBenchmark(6),
      new LocalityBenchmark(48));
  private static final Duration CLUSTER_START_LIMIT = Duration.ofSeconds(120);

  private Microbenchmarks() {}

  public static void main(String[] args) {
    List<String> names = ALL.stream().map(Benchmark::name).toList();
    BenchmarkOptions options;
    try {
      options = BenchmarkOptions.parse(args, names);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.println(BenchmarkOptions.usage(names));
      System.exit(64);
      return;
    }
    if (options.help()) {
      System.out.println(BenchmarkOptions.usage(names));
      return;
    }
    List<Benchmark> selected = ALL.stream().filter(b -> options.only().contains(b.name())).toList();
    System.exit(run(options, selected) ? 0 : 1);
  }

  /** Runs the selected benchmarks in each selected mode; false if any could not be measured. */
  private static boolean run(BenchmarkOptions options, List<Benchmark> selected) {
    // Progress goes to stdout with the table: exec:exec pumps stdout and stderr apart, which
    // would interleave them mid-line.
    PrintStream log = System.out;
    Watchdog watchdog = new Watchdog();
    BenchmarkRunner runner = new BenchmarkRunner(options, watchdog, log);
    ResultTable table = new ResultTable(System.out);
    boolean allMeasured = true;
    table.printHeader();
    for (Mode mode : options.modes()) {
      List<Benchmark> inMode = selected.stream().filter(b -> b.modes().contains(mode)).toList();
      if (inMode.isEmpty()) {
        log.println("# " + mode.label + ": none of the selected benchmarks runs here");
        continue; // no cluster to start for nothing
      }
      log.println("# " + mode.label + ": " + machineLoad());
      ClusterUnderTest cluster;
      try {
        cluster = watchdog.guard("starting the " + mode.argument + " cluster", CLUSTER_START_LIMIT,
            () -> mode.start(options));
      } catch (RuntimeException e) {
        log.println("# the " + mode.argument + " cluster did not start:");
        e.printStackTrace(log);
        for (Benchmark benchmark : inMode) {
          table.print(Result.failed(mode.label, benchmark, e));
        }
        allMeasured = false;
        continue;
      }
      try (cluster) {
        for (Benchmark benchmark : inMode) {
          Result result = runner.run(benchmark, cluster);
          allMeasured &= result.error() == null;
          table.print(result);
        }
      }
    }
    log.println("# end: " + machineLoad());
    table.printSummary();
    return allMeasured;
  }

  /** The load average next to the core count: other work on the machine skews every figure. */
  private static String machineLoad() {
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    return String.format(Locale.ROOT, "load average %.2f on %d cores (other processes skew the figures)",
        os.getSystemLoadAverage(), os.getAvailableProcessors());
  }
}
