package org.rayonignite.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Runs one benchmark in one cluster: builds both sides, warms each up (the JIT, connections,
 * class loading on the worker), then runs them in alternation, ours first in odd rounds and raw
 * first in even ones, and keeps the best run of each, so neither a pause (GC, the other JVM, a
 * neighbour on the machine) in one run nor going first or second decides a figure. An exception
 * becomes an error row instead of ending the whole benchmark.
 */
final class BenchmarkRunner {
  private static final Duration SETUP_LIMIT = Duration.ofSeconds(90);
  private static final Duration RUN_SLACK = Duration.ofSeconds(90);

  private final BenchmarkOptions options;
  private final Watchdog watchdog;
  private final PrintStream log;

  BenchmarkRunner(BenchmarkOptions options, Watchdog watchdog, PrintStream log) {
    this.options = options;
    this.watchdog = watchdog;
    this.log = log;
  }

  Result run(Benchmark benchmark, ClusterUnderTest cluster) {
    String where = cluster.label() + " " + benchmark.name();
    try (Workload oursWorkload = watchdog.guard(where + " setup (ours)", SETUP_LIMIT,
            () -> benchmark.ours(cluster));
        Workload rawWorkload = watchdog.guard(where + " setup (raw)", SETUP_LIMIT,
            () -> benchmark.raw(cluster))) {
      Side ours = new Side(where + " ours", oursWorkload);
      Side raw = rawWorkload == null ? null : new Side(where + " raw", rawWorkload);
      List<Side> sides = raw == null ? List.of(ours) : List.of(ours, raw);
      RunLength warmUp = benchmark.warmUp(options.warmUp());
      RunLength timed = benchmark.timed(options.timedRun());
      for (Side side : sides) {
        measure(benchmark, side.name + " warm-up", side.workload, warmUp);
      }
      for (int round = 1; round <= options.rounds(); round++) {
        List<Side> order = new ArrayList<>(sides);
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (Side side : order) {
          side.best = Rate.better(side.best, measure(benchmark, side.name + " run " + round,
              side.workload, timed));
        }
      }
      return Result.measured(cluster.label(), benchmark, ours.best, raw == null ? null : raw.best);
    } catch (RuntimeException e) {
      log.println("# " + where + " failed:");
      e.printStackTrace(log);
      return Result.failed(cluster.label(), benchmark, e);
    }
  }

  private Rate measure(Benchmark benchmark, String what, Workload workload, RunLength length) {
    System.gc(); // garbage of the previous run is not this run's cost
    Duration limit = length.isTimed() ? length.duration().plus(RUN_SLACK) : RUN_SLACK;
    Rate rate = watchdog.guard(what, limit, () -> RateMeter.measure(workload, length));
    if (options.verbose()) {
      log.printf("# %s: %s (%d in %.0f ms)%n", what, benchmark.unit().format(rate.perSecond()),
          rate.units(), rate.nanos() / 1e6);
    }
    return rate;
  }

  /** One side of a benchmark and its best run so far. */
  private static final class Side {
    final String name;
    final Workload workload;
    Rate best;

    Side(String name, Workload workload) {
      this.name = name;
      this.workload = workload;
    }
  }
}
