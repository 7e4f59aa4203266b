package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.ingest.results.ResultsRepository.OrderRow;
import java.math.BigDecimal;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ExportFormatTest {

  @Test
  void amountsHaveTwoDecimalsRoundedHalfEvenAndNeverMinusZero() {
    assertThat(Decimals.text(new BigDecimal("61.725"))).isEqualTo("61.72");
    assertThat(Decimals.text(new BigDecimal("61.735"))).isEqualTo("61.74");
    assertThat(Decimals.text(new BigDecimal("1234.5"))).isEqualTo("1234.50");
    assertThat(Decimals.text(new BigDecimal("-0.001"))).isEqualTo("0.00");
    assertThat(Decimals.text(null)).isEmpty();
  }

  @Test
  void aCsvLineHasTheExpectedColumnsAndEmptyCellsForAbsentAmounts() {
    OrderRow order =
        new OrderRow(
            "403-0000002-0000011",
            "Payment Pending",
            "Not Applicable",
            new BigDecimal("999"),
            null,
            null,
            null,
            null,
            1,
            0,
            null,
            new Ageing(LocalDate.of(2024, 8, 19), LocalDate.of(2024, 7, 2), 48, "31-60", true));

    assertThat(ResultsController.csvLine(order))
        .isEqualTo(
            "403-0000002-0000011,Payment Pending,Not Applicable,999.00,,,,1,0,"
                + ",".repeat(19)
                + "48,31-60,true\n");
  }

  @Test
  void textThatASpreadsheetWouldRunIsNeutralisedButQuotedCorrectly() {
    assertThat(Csv.text("=HYPERLINK(\"http://x\",\"y\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"");
    assertThat(Csv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    assertThat(Csv.text("Order & Payment Received")).isEqualTo("Order & Payment Received");
    assertThat(Csv.text("a,b")).isEqualTo("\"a,b\"");
  }

  @Test
  void sortingAcceptsOnlyKnownColumns() {
    assertThat(OrderSort.parse("netAmount,desc")).isEqualTo(new OrderSort("net_amount", true));
    assertThat(OrderSort.parse(null)).isEqualTo(OrderSort.BY_ORDER_ID);
    assertThatThrownBy(() -> OrderSort.parse("order_id; drop table x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot sort by");
  }

  @Test
  void anOrderIdSearchIsALiteralBindParameter() {
    OrderFilter filter = new OrderFilter(null, "Tolerance Breached", "171_%");

    assertThat(filter.whereClause())
        .isEqualTo(" where tolerance_status = ? and lower(order_id) like ? escape '\\'");
    assertThat(filter.parameters()).containsExactly("Tolerance Breached", "%171\\_\\%%");
  }
}
