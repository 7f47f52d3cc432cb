package org.rayonignite.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.Function;
import org.rayonignite.runtime.ClusterStateReader;

/**
 * The read commands of {@code ray-ignite}: {@code status}, {@code list}, {@code get},
 * {@code summary} and {@code timeline}. Each checks its arguments before it connects (a bad option
 * costs no cluster join), joins the cluster as a client node for as long as it reads, and prints.
 */
final class StateCommands {
  static final Set<String> COMMANDS = Set.of("status", "list", "get", "summary", "timeline");

  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String RULE = "-".repeat(60);

  private final PrintStream err;
  private final Printer printer;
  private final Function<String, String> env;

  private StateCommands(PrintStream out, PrintStream err, Function<String, String> env) {
    this.err = err;
    this.printer = new Printer(out);
    this.env = env;
  }

  /**
   * Runs read command {@code command} with {@code args}; returns the exit code: 0, 1 when the
   * cluster cannot be reached or has no such thing, 2 for bad arguments (thrown as
   * IllegalArgumentException, which the caller reports).
   */
  static int run(String command, List<String> args, PrintStream out, PrintStream err,
      Function<String, String> env) {
    StateCommands commands = new StateCommands(out, err, env);
    return switch (command) {
      case "status" -> commands.status(args);
      case "list" -> commands.list(args);
      case "get" -> commands.get(args);
      case "summary" -> commands.summary(args);
      case "timeline" -> commands.timeline(args);
      default -> throw new IllegalArgumentException("unknown command \"" + command + "\"");
    };
  }

  private int status(List<String> args) {
    StateOptions options = StateOptions.parse("status", args, Set.of(), env);
    options.expectPositional(0, "status [--address HOST:PORTS] [--format table|json|yaml]");
    Map<String, Object> status = read(options, ClusterStateReader::status);
    OutputFormat format = options.format(OutputFormat.TABLE);
    if (format == OutputFormat.TABLE) {
      new StatusText(printer).print(status, LocalDateTime.now().format(STAMP));
    } else {
      printer.value(status, format);
    }
    return 0;
  }

  private int list(List<String> args) {
    StateOptions options = StateOptions.parse("list", args, Set.of("--filter", "--limit", "--detail"), env);
    options.expectPositional(1, "list nodes|actors|tasks|objects|placement-groups "
        + "[--filter KEY=VALUE]... [--limit N] [--detail] [--format table|json|yaml]");
    StateResource resource = StateResource.ofPlural(options.positional.get(0));
    List<Map<String, Object>> rows = read(options, resource.reader);
    if (!rows.isEmpty()) {
      options.filters.forEach(filter -> filter.checkField(resource.plural, rows.get(0).keySet()));
    }
    List<Map<String, Object>> matching = rows.stream()
        .filter(row -> options.filters.stream().allMatch(filter -> filter.matches(row))).toList();
    List<Map<String, Object>> shown = matching.subList(0, Math.min(options.limit, matching.size()));
    List<String> columns = options.detail && !rows.isEmpty() ? new ArrayList<>(rows.get(0).keySet())
        : resource.defaultColumns;
    printer.rows(shown, columns, options.format(OutputFormat.TABLE));
    if (shown.size() < matching.size()) {
      err.println("ray-ignite: showing " + shown.size() + " of " + matching.size() + " "
          + resource.plural + " (--limit " + options.limit + ")");
    }
    return 0;
  }

  private int get(List<String> args) {
    StateOptions options = StateOptions.parse("get", args, Set.of(), env);
    options.expectPositional(2, "get node|actor|task|object|placement-group ID [--format yaml|json|table]");
    StateResource resource = StateResource.ofSingular(options.positional.get(0));
    String id = options.positional.get(1);
    resource.idCheck.accept(id);
    List<Map<String, Object>> rows = read(options, resource.reader);
    Map<String, Object> row = rows.stream()
        .filter(candidate -> id.equalsIgnoreCase(String.valueOf(candidate.get(resource.idField))))
        .findFirst().orElseThrow(() -> new NoSuchElementException("no " + resource.singular
            + " with id " + id + " in the cluster at " + options.address));
    OutputFormat format = options.format(OutputFormat.YAML);
    if (format == OutputFormat.TABLE) {
      List<Map<String, Object>> fields = new ArrayList<>();
      row.forEach((field, value) -> fields.add(Map.of("field", field, "value", Printer.cell(value))));
      printer.rows(fields, List.of("field", "value"), format);
    } else {
      printer.value(row, format);
    }
    return 0;
  }

  private int summary(List<String> args) {
    StateOptions options = StateOptions.parse("summary", args, Set.of(), env);
    options.expectPositional(1, "summary tasks|actors|objects [--format table|json|yaml]");
    String what = options.positional.get(0);
    if (!Set.of("tasks", "actors", "objects").contains(what)) {
      throw new IllegalArgumentException("cannot summarize \"" + what + "\"; choose one of tasks, actors, objects");
    }
    Summary summary = read(options, reader -> switch (what) {
      case "tasks" -> Summary.ofTasks(reader.tasks());
      case "actors" -> Summary.ofActors(reader.actors());
      default -> Summary.ofObjects(reader.objects(), reader.storedObjectsByNode());
    });
    OutputFormat format = options.format(OutputFormat.TABLE);
    if (format == OutputFormat.TABLE) {
      printer.line("======== " + summary.title() + ": " + LocalDateTime.now().format(STAMP) + " ========");
      printer.line("Stats:");
      printer.line(RULE);
      summary.stats().forEach((name, value) -> printer.line(name + ": " + value));
      for (Summary.Table table : summary.tables()) {
        printer.line("");
        printer.line("Table (group by " + table.groupedBy() + "):");
        printer.line(RULE);
        printer.table(table.rows().stream().map(StateCommands::countsAsText).toList(),
            table.columns(), "");
      }
    } else {
      printer.value(summary.asValue(), format);
    }
    return 0;
  }

  private int timeline(List<String> args) {
    StateOptions options = StateOptions.parse("timeline", args, Set.of("--output"), env);
    options.expectPositional(0, "timeline [--output FILE]");
    if (options.format(OutputFormat.JSON) != OutputFormat.JSON) {
      throw new IllegalArgumentException("timeline writes Chrome trace JSON; --format "
          + options.format.name().toLowerCase(java.util.Locale.ROOT) + " does not apply");
    }
    Path file = Path.of(options.output != null ? options.output : System.getProperty("java.io.tmpdir")
        + "/ray-ignite-timeline-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd_HH-mm-ss")) + ".json");
    Path directory = file.toAbsolutePath().getParent();
    if (directory == null || !Files.isDirectory(directory)) {
      throw new IllegalArgumentException("--output " + file + ": there is no directory " + directory);
    }
    List<Map<String, Object>> events = read(options, ClusterStateReader::timeline);
    try {
      Files.writeString(file, Printer.json(events), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
    printer.line("Trace file written to " + file + " (" + events.size() + " events); open it in "
        + "chrome://tracing or https://ui.perfetto.dev");
    return 0;
  }

  /** A summary row with its state counts as Ray prints them: {@code FINISHED: 5, FAILED: 1}. */
  private static Map<String, Object> countsAsText(Map<String, Object> row) {
    Map<String, Object> text = new java.util.LinkedHashMap<>(row);
    text.computeIfPresent("state_counts", (field, counts) -> {
      String cell = Printer.cell(counts);
      return cell.substring(1, cell.length() - 1);
    });
    return text;
  }

  /** Connects, reads with {@code read}, prints what the reading left out, and disconnects. */
  private <T> T read(StateOptions options, Function<ClusterStateReader, T> read) {
    try (ClusterConnection connection = ClusterConnection.open(options, env)) {
      ClusterStateReader reader = connection.reader();
      T result = read.apply(reader);
      reader.warnings().forEach(warning -> err.println("ray-ignite: " + warning));
      return result;
    }
  }
}
