package org.rayonignite.cli;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;

/**
 * One {@code --filter KEY=VALUE} (or {@code KEY!=VALUE}) of {@code list}, as Ray's: the row's
 * field {@code KEY} (any field, shown or not; case-insensitive) equals, or does not equal,
 * {@code VALUE}, compared as text without regard to case. A missing value is "null".
 */
record RowFilter(String key, String value, boolean negated) {

  /** Parses {@code KEY=VALUE} or {@code KEY!=VALUE}. */
  static RowFilter parse(String text) {
    int equals = text.indexOf('=');
    if (equals <= 0) {
      throw new IllegalArgumentException("--filter needs KEY=VALUE or KEY!=VALUE, got \"" + text + "\"");
    }
    boolean negated = text.charAt(equals - 1) == '!';
    String key = text.substring(0, negated ? equals - 1 : equals).trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("--filter needs KEY=VALUE or KEY!=VALUE, got \"" + text + "\"");
    }
    return new RowFilter(key.toLowerCase(Locale.ROOT), text.substring(equals + 1).trim(), negated);
  }

  /** Checks that rows of this kind have the field, naming those they have if not. */
  void checkField(String what, Collection<String> fields) {
    if (!fields.contains(key)) {
      throw new IllegalArgumentException("--filter " + key + ": " + what + " have no field \"" + key
          + "\"; they have " + String.join(", ", fields));
    }
  }

  boolean matches(Map<String, Object> row) {
    boolean equal = String.valueOf(row.get(key)).equalsIgnoreCase(value);
    return equal != negated;
  }
}
