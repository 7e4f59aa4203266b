package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.ingest.results.ResultsRepository.LedgerMoney;
import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.results.ResultsRepository.Unpaid;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** SPEC §8.1-8.2 as the gateway reads them, against a real PostgreSQL. */
class MoneyReadTest {

  private static final LocalDate AS_OF = LocalDate.of(2024, 8, 19);
  private static ResultsDatabase database;
  private static JdbcTemplate jdbc;
  private static OrderCounts counts;
  private static ResultsRepository results;

  @BeforeAll
  static void startPostgres() throws IOException {
    database = ResultsDatabase.start();
    jdbc = database.jdbc();
    counts = new OrderCounts(jdbc, 1000, Duration.ofMinutes(1), Clock.systemUTC());
    results = new ResultsRepository(jdbc, counts, new MoneyProperties(14));
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    counts.stop();
    database.close();
  }

  @BeforeEach
  void emptyTables() {
    jdbc.execute("truncate results.orders, results.order_lines, results.non_order_charges cascade");
  }

  /** An unpaid order shipped {@code daysBefore} the as-of date (null: no shipped date). */
  private static void unpaid(String orderId, Integer daysBefore, String shipment) {
    jdbc.update(
        "insert into results.orders (order_id, category, tolerance_status, shipment_invoice_amount,"
            + " shipped_date) values (?, 'Payment Pending', 'Not Applicable', ?, ?)",
        orderId,
        new BigDecimal(shipment),
        daysBefore == null ? null : AS_OF.minusDays(daysBefore));
  }

  private static void paymentLine(
      String table, String lineId, LocalDate paidOn, String month, String tcsIgst, String tds) {
    String orderColumns =
        table.equals("order_lines") ? "order_id, kind, transaction_type, " : "description, ";
    String orderValues =
        table.equals("order_lines") ? "'171-1', 'payment', 'Payment', " : "'Fee', ";
    jdbc.update(
        "insert into results."
            + table
            + " (line_id, "
            + orderColumns
            + "amount, upload_id, file_name, row_number, details, paid_on, tax_month, tcscgst,"
            + " tcssgst, tcsigst, tdssection194o, consistent) values (?, "
            + orderValues
            + "1, 1, 'payment.csv', 2, '{}', ?, ?, ?, 0, ?, ?, true)",
        lineId,
        paidOn,
        month,
        month == null ? null : BigDecimal.ZERO,
        tcsIgst == null ? null : new BigDecimal(tcsIgst),
        tds == null ? null : new BigDecimal(tds));
  }

  private static void paidWithBreakdown(
      String orderId, String productSales, String sellingFees, int inconsistentLines) {
    jdbc.update(
        "insert into results.orders (order_id, category, tolerance_status, net_amount,"
            + " productsales, shippingcredits, giftwrapcredits, promotionalrebates, sellingfees,"
            + " fbafees, othertransactionfees, other, tcscgst, tcssgst, tcsigst, tdssection194o,"
            + " inconsistent_lines, fee_percent, sales, fees, tcs) values (?,"
            + " 'Order & Payment Received', 'Within Tolerance', 1, ?, 0, 0, -1.00, ?, 0, 0, 0.50, 0,"
            + " 0, -2.00, -0.25, ?, 1, ?, ?, -2.00)",
        orderId,
        new BigDecimal(productSales),
        new BigDecimal(sellingFees),
        inconsistentLines,
        new BigDecimal(productSales).subtract(BigDecimal.ONE),
        new BigDecimal(sellingFees));
  }

  @Test
  void theAsOfDateIsTheLatestPaymentDateOfOrdersAndCharges() {
    paymentLine("order_lines", "p1", AS_OF.minusDays(3), null, null, null);
    paymentLine("non_order_charges", "c1", AS_OF, null, null, null);

    assertThat(results.ageingRules().asOf()).isEqualTo(AS_OF);
  }

  @Test
  void bucketEdgesNegativeAgesAndOrdersWithoutADate() {
    paymentLine("order_lines", "p1", AS_OF, null, null, null);
    int[] days = {7, 8, 14, 15, 30, 31, 60, 61};
    for (int day : days) {
      unpaid("d" + day, day, "100.00");
    }
    unpaid("future", -3, "10.00");
    unpaid("undated", null, "1.00");

    Map<String, String> buckets = new java.util.TreeMap<>();
    Map<String, Boolean> overdue = new java.util.TreeMap<>();
    for (OrderRow order :
        results.orders(new OrderFilter(null, null, null), OrderSort.BY_ORDER_ID, 1, 50).content()) {
      buckets.put(order.orderId(), order.ageing().bucket());
      overdue.put(order.orderId(), order.ageing().overdue());
    }
    assertThat(buckets)
        .containsEntry("d7", "0-7")
        .containsEntry("d8", "8-14")
        .containsEntry("d14", "8-14")
        .containsEntry("d15", "15-30")
        .containsEntry("d30", "15-30")
        .containsEntry("d31", "31-60")
        .containsEntry("d60", "31-60")
        .containsEntry("d61", "61+")
        .containsEntry("future", "0-7")
        .containsEntry("undated", "no date");
    assertThat(overdue)
        .as("overdue after the payment term of 14 days")
        .containsEntry("d14", false)
        .containsEntry("d15", true)
        .containsEntry("undated", false)
        .containsEntry("future", false);
    assertThat(results.order("future").orElseThrow().ageing().ageDays()).isZero();
    assertThat(results.order("undated").orElseThrow().ageing().ageDays()).isNull();

    for (AgeingBucket bucket : AgeingBucket.values()) {
      List<String> filtered =
          ids(new OrderFilter(null, null, null, bucket, null, results.ageingRules()));
      assertThat(filtered)
          .as("the filter of %s agrees with each order's bucket", bucket.label())
          .containsExactlyInAnyOrderElementsOf(
              buckets.entrySet().stream()
                  .filter(entry -> entry.getValue().equals(bucket.label()))
                  .map(Map.Entry::getKey)
                  .toList());
    }
    assertThat(ids(new OrderFilter(null, null, null, null, true, results.ageingRules())))
        .containsExactlyInAnyOrder("d15", "d30", "d31", "d60", "d61");
    assertThat(ids(new OrderFilter(null, null, null, null, false, results.ageingRules())))
        .containsExactlyInAnyOrder("d7", "d8", "d14", "future", "undated");

    LedgerMoney money = results.money();
    assertThat(money.buckets().get(AgeingBucket.UP_TO_A_MONTH))
        .isEqualTo(new Unpaid(2, new BigDecimal("200.00")));
    assertThat(money.buckets().get(AgeingBucket.UP_TO_A_WEEK))
        .isEqualTo(new Unpaid(2, new BigDecimal("110.00")));
    assertThat(money.buckets().get(AgeingBucket.NO_DATE))
        .isEqualTo(new Unpaid(1, new BigDecimal("1.00")));
    assertThat(money.overdue()).isEqualTo(new Unpaid(5, new BigDecimal("500.00")));
  }

  @Test
  void aLedgerWithoutAPaymentDateAgesNothing() {
    unpaid("d9", 9, "100.00");

    assertThat(results.order("d9").orElseThrow().ageing()).isNull();
    assertThat(
            ids(
                new OrderFilter(
                    null, null, null, AgeingBucket.NO_DATE, null, results.ageingRules())))
        .isEmpty();
    assertThat(results.money().buckets().values()).containsOnly(Unpaid.NONE);
  }

  @Test
  void theLedgersBreakdownAndTaxesByMonth() {
    paidWithBreakdown("171-1", "619.00", "-74.43", 0);
    paidWithBreakdown("171-2", "381.00", "-25.57", 2);
    paymentLine("order_lines", "p1", AS_OF, "2024-08", "-2.00", "-0.25");
    paymentLine("order_lines", "p2", LocalDate.of(2024, 7, 1), "2024-07", "-2.00", "-0.25");
    paymentLine("non_order_charges", "c1", null, "unknown", "-1.00", "0");
    paymentLine("non_order_charges", "c2", AS_OF, null, null, null);

    LedgerMoney money = results.money();

    assertThat(money.components().get("productsales")).isEqualByComparingTo("1000.00");
    assertThat(money.components().get("sellingfees")).isEqualByComparingTo("-100.00");
    assertThat(money.components().get("promotionalrebates")).isEqualByComparingTo("-2.00");
    assertThat(money.inconsistentLines()).isEqualTo(2);
    assertThat(money.taxByMonth().keySet()).containsExactly("2024-07", "2024-08", "unknown");
    assertThat(money.taxByMonth().get("unknown").get("tcsigst")).isEqualByComparingTo("-1.00");
    assertThat(money.taxByMonth().get("2024-08").get("tdssection194o"))
        .isEqualByComparingTo("-0.25");
  }

  @Test
  void theMoneySummaryHasTheShapeOfTheExpectedFile() {
    paidWithBreakdown("171-1", "619.00", "-74.43", 0);
    paymentLine("order_lines", "p1", AS_OF, "2024-08", "-2.00", "-0.25");
    unpaid("d20", 20, "50.00");

    Map<String, Object> body = new ResultsController(results).money();

    @SuppressWarnings("unchecked")
    Map<String, Object> breakdown = (Map<String, Object>) body.get("breakdown");
    assertThat(breakdown)
        .containsEntry("sales", "618.00")
        .containsEntry("fees", "-74.43")
        .containsEntry("other", "0.50")
        .containsEntry("tcs", "-2.00")
        .containsEntry("tds", "-0.25")
        .containsEntry("inconsistent_lines", 0L)
        .containsEntry("fee_percent", "12.02");
    @SuppressWarnings("unchecked")
    Map<String, Object> ageing = (Map<String, Object>) body.get("ageing");
    assertThat(ageing).containsEntry("as_of", "2024-08-19").containsEntry("payment_term_days", 14);
    assertThat(ageing.get("buckets").toString())
        .isEqualTo(
            "{0-7={orders=0, shipment_invoice_amount=0.00},"
                + " 8-14={orders=0, shipment_invoice_amount=0.00},"
                + " 15-30={orders=1, shipment_invoice_amount=50.00},"
                + " 31-60={orders=0, shipment_invoice_amount=0.00},"
                + " 61+={orders=0, shipment_invoice_amount=0.00},"
                + " no date={orders=0, shipment_invoice_amount=0.00}}");
    assertThat(ageing.get("overdue").toString())
        .isEqualTo("{orders=1, shipment_invoice_amount=50.00}");
  }

  @Test
  void anUnknownBucketOrOverdueValueIsAClearError() {
    assertThatThrownBy(() -> AgeingBucket.parse("8-15"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0-7, 8-14, 15-30, 31-60, 61+, no date");
  }

  private static List<String> ids(OrderFilter filter) {
    return results.orders(filter, OrderSort.BY_ORDER_ID, 1, 50).content().stream()
        .map(OrderRow::orderId)
        .toList();
  }
}
