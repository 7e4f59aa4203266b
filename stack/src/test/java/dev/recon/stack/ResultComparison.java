package dev.recon.stack;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;

/**
 * The comparison of shared/tools/compare.py, rule for rule, so that a green end-to-end test means
 * what a MATCH of check_dataset.sh means: orders by id (category and tolerance exact, amounts equal
 * after HALF_EVEN rounding to cents, line counts as numbers), the summary's sections, and rejected
 * rows as a set of (file, row, reason code). Each method answers the differences found, none when
 * the results match.
 */
final class ResultComparison {
  static final List<String> COLUMNS =
      List.of(
          "order_id",
          "category",
          "tolerance_status",
          "shipment_invoice_amount",
          "return_invoice_amount",
          "net_amount",
          "payout_percent",
          "mtr_lines",
          "payment_lines");
  private static final List<String> AMOUNTS =
      List.of("shipment_invoice_amount", "return_invoice_amount", "net_amount", "payout_percent");
  private static final List<String> COUNTS = List.of("mtr_lines", "payment_lines");
  private static final int SHOWN = 20;
  private static final Set<String> NULLS = Set.of("", "null", "none", "nan", "na", "n/a");

  private ResultComparison() {}

  /** Everything that differs between a dataset's expected/ and what the pipeline produced. */
  static List<String> differences(Dataset dataset, Results actual) {
    List<String> differences = new ArrayList<>();
    differences.addAll(orders(dataset.expectedOrdersCsv(), actual.ordersCsv()));
    differences.addAll(summary(dataset.expectedSummary(), actual.summary()));
    differences.addAll(rejected(dataset.expectedRejectedCsv(), actual.rejectedCsvs()));
    if (dataset.hasExpectedMoney()) {
      differences.addAll(
          MoneyComparison.orders(dataset.expectedOrdersMoneyCsv(), actual.ordersCsv()));
      differences.addAll(MoneyComparison.summary(dataset.expectedMoney(), actual.money()));
    }
    return differences;
  }

  /** Fails with the first differences, as compare.py prints them, when there are any. */
  static void assertMatches(Dataset dataset, Results actual) {
    List<String> differences = differences(dataset, actual);
    if (!differences.isEmpty()) {
      throw new AssertionError(
          dataset.name()
              + ": "
              + differences.size()
              + " difference(s) from expected/, the first ones:"
              + System.lineSeparator()
              + "  "
              + String.join(
                  System.lineSeparator() + "  ",
                  differences.subList(0, Math.min(SHOWN, differences.size()))));
    }
  }

  static List<String> orders(String expectedCsv, String actualCsv) {
    List<String> differences = new ArrayList<>();
    Map<String, Map<String, String>> expected = readOrders("expected", expectedCsv, differences);
    Map<String, Map<String, String>> actual = readOrders("actual", actualCsv, differences);
    Set<String> ids = new TreeSet<>(expected.keySet());
    ids.addAll(actual.keySet());
    for (String id : ids) {
      Map<String, String> e = expected.get(id);
      Map<String, String> a = actual.get(id);
      if (a == null) {
        differences.add(
            id
                + ": missing from actual (expected "
                + e.get("category")
                + " / "
                + e.get("tolerance_status")
                + ")");
      } else if (e == null) {
        differences.add(id + ": not expected (actual " + a.get("category") + ")");
      } else {
        List<String> columns = new ArrayList<>();
        for (String c : List.of("category", "tolerance_status")) {
          if (!e.get(c).strip().equals(a.get(c).strip())) {
            columns.add(c + " expected '" + e.get(c) + "' actual '" + a.get(c) + "'");
          }
        }
        for (String c : AMOUNTS) {
          if (!Objects.equals(amount(e.get(c)), amount(a.get(c)))) {
            columns.add(c + " expected '" + e.get(c) + "' actual '" + a.get(c) + "'");
          }
        }
        for (String c : COUNTS) {
          if (!count(e.get(c)).equals(count(a.get(c)))) {
            columns.add(c + " expected '" + e.get(c) + "' actual '" + a.get(c) + "'");
          }
        }
        if (!columns.isEmpty()) {
          differences.add(id + ": " + String.join("; ", columns));
        }
      }
    }
    return differences;
  }

  static List<String> summary(JsonNode expected, JsonNode actual) {
    List<String> out = new ArrayList<>();
    for (String section : List.of("categories", "tolerance")) {
      JsonNode e = expected.path(section);
      JsonNode a = actual.path(section);
      if (!a.isObject()) {
        out.add("summary." + section + ": missing");
        continue;
      }
      for (String key : e.propertyNames()) {
        if (!count(text(a.path(key))).equals(count(text(e.get(key))))) {
          out.add(
              "summary."
                  + section
                  + "['"
                  + key
                  + "']: expected "
                  + text(e.get(key))
                  + ", actual "
                  + text(a.get(key)));
        }
      }
      for (String key : a.propertyNames()) {
        if (!e.has(key)) {
          out.add("summary." + section + ": unexpected key '" + key + "'");
        }
      }
    }

    Map<String, JsonNode> expectedCharges = new LinkedHashMap<>();
    for (JsonNode charge : expected.path("non_order_charges")) {
      expectedCharges.put(text(charge.get("description")), charge);
    }
    JsonNode actualList = actual.path("non_order_charges");
    if (!actualList.isArray()) {
      out.add("summary.non_order_charges: missing");
    } else {
      Map<String, JsonNode> actualCharges = new LinkedHashMap<>();
      for (JsonNode charge : actualList) {
        if (charge.isObject()) {
          actualCharges.put(String.valueOf(text(charge.get("description"))).strip(), charge);
        }
      }
      expectedCharges.forEach(
          (description, e) -> {
            JsonNode a = actualCharges.get(description);
            if (a == null) {
              out.add("summary.non_order_charges: missing '" + description + "'");
              return;
            }
            if (!count(text(a.get("lines"))).equals(count(text(e.get("lines"))))) {
              out.add(
                  "summary.non_order_charges['"
                      + description
                      + "'].lines: expected "
                      + text(e.get("lines"))
                      + ", actual "
                      + text(a.get("lines")));
            }
            if (!Objects.equals(number(a.get("amount")), number(e.get("amount")))) {
              out.add(
                  "summary.non_order_charges['"
                      + description
                      + "'].amount: expected "
                      + text(e.get("amount"))
                      + ", actual "
                      + text(a.get("amount")));
            }
          });
      for (String description : actualCharges.keySet()) {
        if (!expectedCharges.containsKey(description)) {
          out.add("summary.non_order_charges: unexpected '" + description + "'");
        }
      }
    }

    JsonNode e = expected.path("totals");
    JsonNode a = actual.path("totals");
    if (!a.isObject()) {
      out.add("summary.totals: missing");
    } else {
      for (String key : e.propertyNames()) {
        JsonNode want = e.get(key);
        boolean same =
            want.isString()
                ? Objects.equals(number(a.get(key)), number(want))
                : count(text(a.get(key))).equals(count(text(want)));
        if (!same) {
          out.add(
              "summary.totals."
                  + key
                  + ": expected "
                  + text(want)
                  + ", actual "
                  + text(a.get(key)));
        }
      }
    }
    return out;
  }

  /** Each actual CSV is one upload's rejected rows; together they are compared as one set. */
  static List<String> rejected(String expectedCsv, List<String> actualCsvs) {
    Set<String> expected = readRejected(List.of(expectedCsv));
    Set<String> actual = readRejected(actualCsvs);
    List<String> out = new ArrayList<>();
    for (String row : expected) {
      if (!actual.contains(row)) {
        out.add("rejected: missing " + row);
      }
    }
    for (String row : actual) {
      if (!expected.contains(row)) {
        out.add("rejected: not expected " + row);
      }
    }
    return out;
  }

  private static Map<String, Map<String, String>> readOrders(
      String which, String csv, List<String> differences) {
    List<List<String>> rows = Csv.parse(csv);
    if (rows.isEmpty()) {
      throw new AssertionError(which + " orders.csv is empty");
    }
    Map<String, Integer> index = new HashMap<>();
    List<String> header = rows.get(0);
    for (int i = 0; i < header.size(); i++) {
      index.putIfAbsent(header.get(i).strip().toLowerCase(Locale.ROOT), i);
    }
    List<String> missing = COLUMNS.stream().filter(c -> !index.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw new AssertionError(which + " orders.csv lacks column(s) " + missing);
    }
    Map<String, Map<String, String>> orders = new LinkedHashMap<>();
    for (List<String> row : rows.subList(1, rows.size())) {
      if (row.stream().allMatch(String::isBlank)) {
        continue;
      }
      Map<String, String> record = new HashMap<>();
      for (String c : COLUMNS) {
        int i = index.get(c);
        record.put(c, i < row.size() ? row.get(i) : "");
      }
      String id = record.get("order_id").strip();
      if (orders.put(id, record) != null) {
        differences.add(id + ": appears more than once in " + which);
      }
    }
    return orders;
  }

  private static Set<String> readRejected(List<String> csvs) {
    Set<String> rows = new TreeSet<>();
    for (String csv : csvs) {
      List<List<String>> parsed = Csv.parse(csv);
      if (parsed.isEmpty()) {
        continue;
      }
      List<String> header = parsed.get(0).stream().map(String::strip).toList();
      int file = header.indexOf("file");
      int row = header.indexOf("row_number");
      int reason = header.indexOf("reason");
      if (file < 0 || row < 0 || reason < 0) {
        throw new AssertionError("rejected CSV lacks file, row_number or reason: " + header);
      }
      for (List<String> r : parsed.subList(1, parsed.size())) {
        if (r.isEmpty()) {
          continue;
        }
        String code = cell(r, reason).split(":", -1)[0].strip();
        rows.add("(" + cell(r, file).strip() + ", " + count(cell(r, row)) + ", " + code + ")");
      }
    }
    return rows;
  }

  private static String cell(List<String> row, int index) {
    return index < row.size() ? row.get(index) : "";
  }

  /**
   * compare.py's amount(): absent is null, a number is rounded HALF_EVEN to cents, anything else
   * stays the text it is (and then equals only the same text).
   */
  static Object amount(String text) {
    String t = text == null ? "" : text.strip();
    if (NULLS.contains(t.toLowerCase(Locale.ROOT))) {
      return null;
    }
    try {
      return new BigDecimal(t.replace(",", "")).setScale(2, RoundingMode.HALF_EVEN);
    } catch (NumberFormatException e) {
      return t;
    }
  }

  /** compare.py's count(): a whole number is its integer value, anything else its text. */
  static Object count(String text) {
    String t = text == null ? "" : text.strip();
    try {
      BigDecimal d = new BigDecimal(t);
      if (d.signum() == 0 || d.stripTrailingZeros().scale() <= 0) {
        return d.toBigIntegerExact();
      }
      return t;
    } catch (NumberFormatException | ArithmeticException e) {
      return t;
    }
  }

  /** An amount in summary.json, given as a string or a number. */
  private static Object number(JsonNode node) {
    String t = text(node);
    return t == null ? null : amount(t);
  }

  /**
   * compare.py turns a JSON value into text with Python's str(): null becomes "None", which equals
   * no number.
   */
  private static String text(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "";
    }
    if (node.isNull()) {
      return "None";
    }
    return node.isValueNode() ? node.asString() : node.toString();
  }
}
