package org.rayonignite.cli;

import java.util.Locale;

/** How a read command prints: an aligned table, JSON, or YAML ({@code --format}). */
enum OutputFormat {
  TABLE, JSON, YAML;

  static OutputFormat parse(String text) {
    try {
      return valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--format must be table, json or yaml, got \"" + text + "\"");
    }
  }
}
