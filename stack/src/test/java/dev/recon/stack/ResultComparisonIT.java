package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The comparison itself, on the expected files alone: what compare.py tolerates must pass, what it
 * reports must be reported. (An IT only because this module runs no unit tests.)
 */
class ResultComparisonIT {
  private final Dataset small = Dataset.named("small");

  @Test
  void expectedResultsMatchThemselves() {
    Results same =
        new Results(
            withMoneyColumns(small.expectedOrdersCsv(), small.expectedOrdersMoneyCsv()),
            small.expectedSummary(),
            small.expectedMoney(),
            List.of(small.expectedRejectedCsv()));
    assertThat(ResultComparison.differences(small, same)).isEmpty();
  }

  /** The export's shape: each order's row of orders.csv, then its money columns (or empties). */
  private static String withMoneyColumns(String ordersCsv, String moneyCsv) {
    List<List<String>> money = Csv.parse(moneyCsv);
    java.util.Map<String, List<String>> moneyById = new java.util.HashMap<>();
    for (List<String> row : money.subList(1, money.size())) {
      moneyById.put(row.get(0), row.subList(1, row.size()));
    }
    List<String> empty = Collections.nCopies(money.get(0).size() - 1, "");
    StringBuilder csv = new StringBuilder();
    List<List<String>> orders = Csv.parse(ordersCsv);
    for (List<String> row : orders) {
      if (row.isEmpty()) {
        continue;
      }
      List<String> cells = new ArrayList<>(row);
      cells.addAll(
          row == orders.get(0)
              ? money.get(0).subList(1, money.get(0).size())
              : moneyById.getOrDefault(row.get(0), empty));
      csv.append(String.join(",", cells)).append('\n');
    }
    return csv.toString();
  }

  @Test
  void ordersToleratesWhatComparePyTolerates() {
    List<List<String>> rows = Csv.parse(small.expectedOrdersCsv());
    List<List<String>> body = new ArrayList<>(rows.subList(1, rows.size()));
    Collections.reverse(body);
    StringBuilder csv = new StringBuilder("\uFEFFEXTRA,");
    // upper-case header names, an extra first column, rows in another order, fewer decimals
    csv.append(String.join(",", rows.get(0)).toUpperCase(java.util.Locale.ROOT)).append("\r\n");
    for (List<String> row : body) {
      List<String> cells = new ArrayList<>();
      cells.add("x");
      for (String cell : row) {
        cells.add(
            cell.endsWith("0") && cell.contains(".") ? cell.substring(0, cell.length() - 1) : cell);
      }
      csv.append(String.join(",", cells)).append("\r\n");
    }
    assertThat(ResultComparison.orders(small.expectedOrdersCsv(), csv.toString())).isEmpty();
  }

  @Test
  void ordersReportsADifferentCategoryAmountCountAndAMissingOrder() {
    String expected = small.expectedOrdersCsv();
    List<String> lines = new ArrayList<>(List.of(expected.split("\n")));
    String first = lines.get(1);
    String second = lines.get(2);
    lines.set(1, first.replace("Order & Payment Received", "Return"));
    lines.set(2, second.replaceFirst(",1,1$", ",1,2"));
    lines.remove(3);
    List<String> differences = ResultComparison.orders(expected, String.join("\n", lines));
    assertThat(differences).hasSize(3);
    assertThat(differences.get(0)).contains("category expected 'Order & Payment Received'");
  }

  @Test
  void summaryAcceptsNumbersForAmountsAndReportsAWrongCount() {
    JsonNode expected = small.expectedSummary();
    ObjectNode actual = (ObjectNode) expected.deepCopy();
    ((ObjectNode) actual.get("totals")).put("net_amount", new java.math.BigDecimal("416416.690"));
    assertThat(ResultComparison.summary(expected, actual)).isEmpty();

    ((ObjectNode) actual.get("categories")).put("Return", 20);
    ((ObjectNode) actual.get("tolerance")).put("Unheard Of", 0);
    assertThat(ResultComparison.summary(expected, actual))
        .containsExactly(
            "summary.categories['Return']: expected 21, actual 20",
            "summary.tolerance: unexpected key 'Unheard Of'");
  }

  @Test
  void rejectedComparesFileRowAndReasonCodeOnly() {
    String expected = "file,row_number,reason\nmtr.csv,44,BAD_AMOUNT\nx.pdf,0,\"FILE_X: a, b\"\n";
    assertThat(
            ResultComparison.rejected(
                expected,
                List.of(
                    "file,row_number,reason\nmtr.csv,44.0,BAD_AMOUNT: abc\n",
                    "file,row_number,reason\r\nx.pdf,0,FILE_X: other words\r\n")))
        .isEmpty();
    assertThat(
            ResultComparison.rejected(
                expected, List.of("file,row_number,reason\nmtr.csv,45,BAD_AMOUNT\n")))
        .containsExactly(
            "rejected: missing (mtr.csv, 44, BAD_AMOUNT)",
            "rejected: missing (x.pdf, 0, FILE_X)",
            "rejected: not expected (mtr.csv, 45, BAD_AMOUNT)");
  }
}
