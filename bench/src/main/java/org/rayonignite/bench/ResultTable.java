package org.rayonignite.bench;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Prints results as an aligned table, one row per benchmark and mode, as each is measured:
 * our rate, the raw Ignite rate, their ratio, the target and whether it is met.
 */
final class ResultTable {
  private static final String ROW = "%-9s %-29s %-14s %-14s %-6s %s%n";

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
    String raw = result.raw() == null ? "n/a" : unit.format(result.raw().perSecond());
    String ratio = result.raw() == null ? "n/a" : String.format(Locale.ROOT, "%.2f",
        result.ours().perSecond() / result.raw().perSecond());
    boolean pass = result.passed();
    if (pass) {
      passed++;
    } else {
      missed++;
    }
    out.printf(ROW, result.mode(), benchmark.name(), unit.format(result.ours().perSecond()), raw,
        ratio, benchmark.target() + (pass ? " PASS" : " MISS"));
    out.flush();
  }

  void printSummary() {
    out.printf("%d PASS, %d MISS%n", passed, missed);
    out.flush();
  }
}
