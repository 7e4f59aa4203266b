package dev.recon.stack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The comparison of {@code shared/tools/compare_money.py} (SPEC §8.1-8.2): an orders export's money
 * columns against {@code expected/orders_money.csv}, and {@code GET /api/summary/money} against
 * {@code expected/money.json}. Amounts are equal after rounding HALF_EVEN to 2 places; empty, null,
 * None and NaN are absent; booleans compare in lower case. An order missing from the expected file
 * has every money column absent.
 */
final class MoneyComparison {

  private static final Set<String> NULLS = Set.of("", "null", "none", "nan");

  private MoneyComparison() {}

  static List<String> orders(String expectedCsv, String actualCsv) {
    List<List<String>> expected = Csv.parse(expectedCsv);
    List<List<String>> actual = Csv.parse(actualCsv);
    List<String> columns = expected.get(0).stream().map(MoneyComparison::key).toList();
    Map<String, Integer> actualIndex = new HashMap<>();
    List<String> header = actual.get(0);
    for (int i = 0; i < header.size(); i++) {
      // Two columns are named "other" (the group and its one column, equal by definition).
      actualIndex.putIfAbsent(key(header.get(i)), i);
    }
    List<String> missing = columns.stream().filter(c -> !actualIndex.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      return List.of("the export lacks columns: " + missing);
    }
    Map<String, List<String>> expectedById = new HashMap<>();
    for (List<String> row : expected.subList(1, expected.size())) {
      if (!row.isEmpty()) {
        expectedById.put(row.get(0), row);
      }
    }
    List<String> differences = new ArrayList<>();
    for (List<String> row : actual.subList(1, actual.size())) {
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      String id = row.get(actualIndex.get("order_id"));
      List<String> want = expectedById.get(id);
      List<String> columnDifferences = new ArrayList<>();
      for (int c = 1; c < columns.size(); c++) {
        String column = columns.get(c);
        String got = normalise(cell(row, actualIndex.get(column)));
        String wanted = want == null ? null : normalise(cell(want, c));
        if (got == null ? wanted != null : !got.equals(wanted)) {
          columnDifferences.add(column + " expected '" + wanted + "' actual '" + got + "'");
        }
      }
      if (!columnDifferences.isEmpty()) {
        differences.add(id + ": " + String.join("; ", columnDifferences));
      }
    }
    return differences;
  }

  static List<String> summary(JsonNode expected, JsonNode actual) {
    List<String> differences = new ArrayList<>();
    walk(expected, actual, "", differences);
    return differences;
  }

  private static void walk(JsonNode expected, JsonNode actual, String path, List<String> out) {
    if (expected.isObject()) {
      if (actual == null || !actual.isObject()) {
        out.add(path + ": expected an object, got " + actual);
        return;
      }
      for (Map.Entry<String, JsonNode> entry : expected.properties()) {
        walk(
            entry.getValue(),
            actual.get(entry.getKey()),
            path.isEmpty() ? entry.getKey() : path + "." + entry.getKey(),
            out);
      }
      return;
    }
    String wanted = normalise(text(expected));
    String got = normalise(text(actual));
    if (got == null ? wanted != null : !got.equals(wanted)) {
      out.add(path + ": " + got + " != " + wanted);
    }
  }

  private static String text(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode() ? null : node.asText();
  }

  /** compare_money.py's norm(). */
  static String normalise(String value) {
    if (value == null) {
      return null;
    }
    String text = value.strip();
    String lower = text.toLowerCase(Locale.ROOT);
    if (NULLS.contains(lower)) {
      return null;
    }
    if (lower.equals("true") || lower.equals("false")) {
      return lower;
    }
    try {
      return new BigDecimal(text.replace(",", ""))
          .setScale(2, RoundingMode.HALF_EVEN)
          .toPlainString();
    } catch (NumberFormatException e) {
      return text;
    }
  }

  private static String key(String header) {
    return header.strip().toLowerCase(Locale.ROOT);
  }

  private static String cell(List<String> row, int index) {
    return index < row.size() ? row.get(index) : "";
  }
}
