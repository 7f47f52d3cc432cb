package org.rayonignite.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Prints the read commands' results: rows as an aligned table (upper-case headers, as
 * {@code ray list}) or any value as JSON or YAML (lower-case field names, as Ray's).
 */
final class Printer {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
      .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
      .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).build());

  private final PrintStream out;

  Printer(PrintStream out) {
    this.out = out;
  }

  /** {@code rows} in {@code format}, with only {@code columns} of each. */
  void rows(List<Map<String, Object>> rows, List<String> columns, OutputFormat format) {
    if (format == OutputFormat.TABLE) {
      table(rows, columns, "");
    } else {
      value(rows.stream().map(row -> only(row, columns)).toList(), format);
    }
  }

  /** A value of plain maps, lists, strings, numbers and booleans, as JSON or YAML. */
  void value(Object value, OutputFormat format) {
    out.print(format == OutputFormat.YAML ? yaml(value) : json(value) + "\n");
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String yaml(Object value) {
    try {
      return YAML.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An aligned table of {@code columns}, each line starting with {@code indent}. */
  void table(List<Map<String, Object>> rows, List<String> columns, String indent) {
    List<String[]> lines = new ArrayList<>(rows.size() + 1);
    lines.add(columns.stream().map(column -> column.toUpperCase(Locale.ROOT)).toArray(String[]::new));
    for (Map<String, Object> row : rows) {
      lines.add(columns.stream().map(column -> cell(row.get(column))).toArray(String[]::new));
    }
    int[] widths = new int[columns.size()];
    for (String[] line : lines) {
      for (int i = 0; i < line.length; i++) {
        widths[i] = Math.max(widths[i], line[i].length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (String[] line : lines) {
      text.append(indent);
      for (int i = 0; i < line.length; i++) {
        text.append(line[i]);
        if (i < line.length - 1) {
          text.append(" ".repeat(widths[i] - line[i].length() + 2));
        }
      }
      out.println(text.toString().stripTrailing());
      text.setLength(0);
    }
  }

  void line(String text) {
    out.println(text);
  }

  /** A value as one table cell: nothing for null, {@code {CPU: 2.0}} for a map, {@code [a, b]} for a list. */
  static String cell(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(entry -> entry.getKey() + ": " + cell(entry.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(Printer::cell).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(value);
  }

  private static Map<String, Object> only(Map<String, Object> row, List<String> columns) {
    Map<String, Object> selected = new java.util.LinkedHashMap<>();
    columns.forEach(column -> selected.put(column, row.get(column)));
    return selected;
  }
}
