package org.rayonignite.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs one benchmark in one cluster: builds its sides (ours, raw, and any others), warms each up
 * twice, alternating (the JIT, connections, class loading on the worker), then runs them in alternation, in the
 * listed order in odd rounds and reversed in even ones, and reports the median run of each, so
 * neither a pause (GC, the other JVM, a neighbour on the machine) nor a lucky quiet moment in one
 * run, nor going first or second, decides a figure. (The best run, reported before, rewarded
 * whichever side had the wider spread: on this shared 2-core VM single-call round trips of ours
 * and raw Ignite had the same latency percentiles while the best of three 1 s runs differed by
 * up to 25 %.) A side that counts bytes moved between nodes is read before and after
 * each timed run, outside the timing, and its bytes are summed over the timed runs. An exception
 * becomes an error row instead of ending the whole benchmark.
 */
final class BenchmarkRunner {
  private static final Duration SETUP_LIMIT = Duration.ofSeconds(90);
  private static final Duration RUN_SLACK = Duration.ofSeconds(90);
  private static final int WARM_UP_PASSES = 2;

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
    List<Side> sides = new ArrayList<>();
    try {
      sides.add(new Side("ours", where, watchdog.guard(where + " setup (ours)", SETUP_LIMIT,
          () -> benchmark.ours(cluster))));
      Workload rawWorkload = watchdog.guard(where + " setup (raw)", SETUP_LIMIT, () -> benchmark.raw(cluster));
      Side raw = rawWorkload == null ? null : new Side("raw", where, rawWorkload);
      if (raw != null) {
        sides.add(raw);
      }
      Map<String, Workload> others = watchdog.guard(where + " setup (others)", SETUP_LIMIT,
          () -> benchmark.others(cluster));
      others.forEach((name, workload) -> sides.add(new Side(name, where, workload)));
      RunLength warmUp = benchmark.warmUp(options.warmUp());
      RunLength timed = benchmark.timed(options.timedRun());
      // Two passes, so that neither side is measured warm against the other cold: code both
      // share (Ignite's messaging, serialization) compiled during one side's warm-up helps the
      // other, and a fresh worker JVM takes more than one pass to compile.
      for (int pass = 1; pass <= WARM_UP_PASSES; pass++) {
        for (Side side : sides) {
          measure(benchmark, side.label + " warm-up " + pass, side.workload, warmUp);
        }
      }
      for (int round = 1; round <= options.rounds(); round++) {
        List<Side> order = new ArrayList<>(sides);
        if (round % 2 == 0) {
          Collections.reverse(order);
        }
        for (Side side : order) {
          side.timedRun(benchmark, round, timed);
        }
      }
      Side ours = sides.get(0);
      List<Result.SideResult> otherResults = sides.subList(raw == null ? 1 : 2, sides.size()).stream()
          .map(Side::result).toList();
      return Result.measured(cluster.label(), benchmark, ours.result(), raw == null ? null : raw.result(),
          otherResults);
    } catch (RuntimeException e) {
      log.println("# " + where + " failed:");
      e.printStackTrace(log);
      return Result.failed(cluster.label(), benchmark, e);
    } finally {
      for (Side side : sides) {
        try {
          side.workload.close();
        } catch (RuntimeException e) {
          log.println("# " + side.label + " did not clean up: " + e);
        }
      }
      cluster.stopSecondDriver();
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

  /** One side of a benchmark, its timed runs so far, and its totals over them. */
  private final class Side {
    final String name;
    final String label;
    final Workload workload;
    final List<Rate> runs = new ArrayList<>();
    long timedUnits;
    long bytesMoved;

    Side(String name, String where, Workload workload) {
      this.name = name;
      this.label = where + " " + name;
      this.workload = workload;
      this.bytesMoved = workload.bytesMoved() < 0 ? -1 : 0;
    }

    void timedRun(Benchmark benchmark, int round, RunLength length) {
      long before = bytesMoved < 0 ? -1 : watchdog.guard(label + " bytes", RUN_SLACK, workload::bytesMoved);
      Rate rate = measure(benchmark, label + " run " + round, workload, length);
      runs.add(rate);
      timedUnits += rate.units();
      if (before >= 0) {
        long moved = watchdog.guard(label + " bytes", RUN_SLACK, workload::bytesMoved) - before;
        bytesMoved += moved;
        if (options.verbose()) {
          log.printf("# %s run %d: moved %,d bytes between nodes%n", label, round, moved);
        }
      }
    }

    Result.SideResult result() {
      return new Result.SideResult(name, Rate.median(runs), timedUnits, bytesMoved);
    }
  }
}
