package org.rayonignite.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints results as an aligned table, one row per benchmark and mode, as each is measured:
 * our rate, the raw Ignite rate, their ratio, the target and whether it is met. A benchmark that
 * counts bytes moved between nodes or measures other sides gets an indented line under its row
 * with those figures, and its note if it has one.
 */
final class ResultTable {
  private static final String ROW = "%-9s %-29s %-14s %-14s %-6s %s%n";
  private static final String DETAIL = "          %s%n";

  private final PrintStream out;
  private int passed;
  private int missed;

  ResultTable(PrintStream out) {
    this.out = out;
  }

  void printHeader() {
    out.printf(ROW, "mode", "benchmark", "ours", "raw", "ratio", "target");
    out.flush();
  }

  void print(Result result) {
    Benchmark benchmark = result.benchmark();
    if (result.error() != null) {
      missed++;
      out.printf(ROW, result.mode(), benchmark.name(), "ERROR", "", "", benchmark.target() + " MISS ("
          + result.error() + ")");
      out.flush();
      return;
    }
    Unit unit = benchmark.unit();
    double ours = result.ours().median().perSecond();
    String raw = result.raw() == null ? "n/a" : unit.format(result.raw().median().perSecond());
    String ratio = result.raw() == null ? "n/a" : String.format(Locale.ROOT, "%.2f",
        ours / result.raw().median().perSecond());
    boolean pass = result.passed();
    if (pass) {
      passed++;
    } else {
      missed++;
    }
    out.printf(ROW, result.mode(), benchmark.name(), unit.format(ours), raw, ratio,
        benchmark.target() + (pass ? " PASS" : " MISS"));
    printDetails(result);
    out.flush();
  }

  private void printDetails(Result result) {
    List<String> parts = new ArrayList<>();
    Unit unit = result.benchmark().unit();
    if (result.ours().countsBytes()) {
      parts.add("ours " + moved(result.ours(), unit) + " (minimum "
          + bytes(result.benchmark().minimumBytesMoved(result.ours().timedUnits())) + ")");
    }
    if (result.raw() != null && result.raw().countsBytes()) {
      parts.add("raw " + moved(result.raw(), unit));
    }
    for (Result.SideResult other : result.others()) {
      String rate = unit.format(other.median().perSecond()) + (result.raw() == null ? ""
          : String.format(Locale.ROOT, " (%.2f x raw)", other.median().perSecond()
              / result.raw().median().perSecond()));
      parts.add(other.name() + " " + rate + (other.countsBytes() ? ", " + moved(other, unit) : ""));
    }
    if (!parts.isEmpty()) {
      out.printf(DETAIL, "bytes moved between nodes in the timed runs: " + String.join("; ", parts));
    }
    if (result.benchmark().note() != null) {
      out.printf(DETAIL, result.benchmark().note());
    }
  }

  private static String moved(Result.SideResult side, Unit unit) {
    return bytes(side.bytesMoved()) + " in " + String.format(Locale.ROOT, "%,d", side.timedUnits())
        + (unit == Unit.CALLS ? " calls" : " units");
  }

  private static String bytes(long bytes) {
    return bytes < 100_000 ? String.format(Locale.ROOT, "%,d B", bytes)
        : String.format(Locale.ROOT, "%,.1f MB", bytes / 1e6);
  }

  void printSummary() {
    out.printf("%d PASS, %d MISS%n", passed, missed);
    out.flush();
  }
}
