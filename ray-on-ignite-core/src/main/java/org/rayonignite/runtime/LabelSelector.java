package org.rayonignite.runtime;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Matches node labels against a selector as Ray's: per label a value {@code v}, {@code !v},
 * {@code in(a,b)} or {@code !in(a,b)}. A node without the label matches only negations.
 */
final class LabelSelector {
  private final List<Condition> conditions;
  private final String text;

  private LabelSelector(List<Condition> conditions, String text) {
    this.conditions = conditions;
    this.text = text;
  }

  static LabelSelector parse(Map<String, String> selector) {
    if (selector == null) {
      throw new NullPointerException("label selector");
    }
    List<Condition> conditions = new ArrayList<>();
    for (Map.Entry<String, String> entry : selector.entrySet()) {
      String key = entry.getKey();
      String value = entry.getValue() == null ? "" : entry.getValue().trim();
      if (key == null || key.isBlank() || value.isEmpty()) {
        throw new IllegalArgumentException("bad label selector entry: " + key + "=" + entry.getValue());
      }
      boolean negated = value.startsWith("!");
      String body = negated ? value.substring(1).trim() : value;
      Set<String> values;
      if (body.startsWith("in(") && body.endsWith(")")) {
        values = Arrays.stream(body.substring(3, body.length() - 1).split(","))
            .map(String::trim).filter(v -> !v.isEmpty()).collect(Collectors.toSet());
        if (values.isEmpty()) {
          throw new IllegalArgumentException("empty in() in label selector: " + key + "=" + value);
        }
      } else {
        values = Set.of(body);
      }
      conditions.add(new Condition(key.trim(), values, negated));
    }
    return new LabelSelector(conditions, selector.toString());
  }

  boolean matches(Map<String, String> labels) {
    for (Condition condition : conditions) {
      String actual = labels.get(condition.key);
      boolean in = actual != null && condition.values.contains(actual);
      if (in == condition.negated) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return text;
  }

  private record Condition(String key, Set<String> values, boolean negated) {}
}
