package org.rayonignite.config;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A pattern of class names, as the deserialization allow and deny lists take them: a binary
 * class name ({@code com.acme.Order}, {@code com.acme.Order$Line}) where {@code *} stands for any
 * run of characters, dots included: {@code com.acme.*} covers {@code com.acme} and its
 * subpackages, {@code com.acme.Order*} every class whose name starts so.
 */
public final class ClassNamePattern {
  private static final Pattern SYNTAX = Pattern.compile("[A-Za-z0-9_$.*]+");

  private final String text;
  /** The literal runs between the stars. */
  private final String[] parts;
  private final boolean leadingStar;
  private final boolean trailingStar;

  private ClassNamePattern(String text) {
    this.text = text;
    this.leadingStar = text.startsWith("*");
    this.trailingStar = text.endsWith("*");
    List<String> literal = new ArrayList<>();
    for (String part : text.split("\\*")) {
      if (!part.isEmpty()) {
        literal.add(part);
      }
    }
    this.parts = literal.toArray(new String[0]);
  }

  /**
   * The pattern {@code text}.
   *
   * @throws IllegalArgumentException naming the text if it is blank or holds characters that
   *     cannot be in a class name
   */
  public static ClassNamePattern of(String text) {
    String trimmed = text == null ? "" : text.trim();
    if (!SYNTAX.matcher(trimmed).matches()) {
      throw new IllegalArgumentException("a class name pattern is a class name with * wildcards "
          + "(e.g. com.acme.* or com.acme.Order), got \"" + text + "\"");
    }
    return new ClassNamePattern(trimmed);
  }

  /** Parses a comma-separated list of patterns, e.g. {@code com.acme.*,org.example.Dto}. */
  public static List<String> parseList(String text) {
    List<String> patterns = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return patterns;
    }
    for (String entry : text.split(",")) {
      patterns.add(of(entry).toString());
    }
    return patterns;
  }

  /** Whether {@code className} matches. */
  public boolean matches(String className) {
    if (parts.length == 0) {
      return true; // "*"
    }
    int from = 0;
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i];
      if (i == 0 && !leadingStar) {
        if (!className.startsWith(part)) {
          return false;
        }
        from = part.length();
      } else if (i == parts.length - 1 && !trailingStar) {
        int at = className.length() - part.length();
        return at >= from && className.startsWith(part, at);
      } else {
        int at = className.indexOf(part, from);
        if (at < 0) {
          return false;
        }
        from = at + part.length();
      }
    }
    return trailingStar || from == className.length();
  }

  /** The pattern as written. */
  @Override
  public String toString() {
    return text;
  }
}
