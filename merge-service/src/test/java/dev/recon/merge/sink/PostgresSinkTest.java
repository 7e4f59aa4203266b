package dev.recon.merge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.contracts.Category;
import dev.recon.contracts.Line;
import dev.recon.contracts.NonOrderCharge;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.RejectedRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.ToleranceStatus;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * The sink against a real PostgreSQL: idempotent upserts, markers, dedup within a batch, results
 * that never go back to an older version, and records the database refuses.
 */
class PostgresSinkTest {

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate jdbc;
  private PostgresSink sink;
  private long offset;

  @BeforeAll
  static void startPostgres() throws IOException {
    postgres = EmbeddedPostgres.start();
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .schemas("results")
        .createSchemas(true)
        .load()
        .migrate();
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    postgres.close();
  }

  @BeforeEach
  void emptyTables() {
    jdbc.execute(
        "truncate results.orders, results.order_lines, results.non_order_charges,"
            + " results.rejected_rows, results.upload_markers");
    sink = sinkOn(postgres.getPostgresDatabase());
  }

  private static PostgresSink sinkOn(DataSource database) {
    return new PostgresSink(new JdbcTemplate(database), new DataSourceTransactionManager(database));
  }

  @Test
  void writingTheSameBatchTwiceLeavesTheSameRows() {
    List<ConsumerRecord<String, byte[]>> batch =
        List.of(
            result(order("171-1", "600.00", "300.00", line("m1", "171-1"), line("p1", "171-1"))),
            result(new NonOrderCharge(chargeLine("c1", "Subscription Fee", "-588.82"))),
            rejected(
                new RejectedRow(
                    5,
                    ReportKind.PAYMENT,
                    "payment.csv",
                    64,
                    "BAD_AMOUNT",
                    "total '12.5.0'",
                    Map.of("total", "12.5.0"))),
            result(new UploadMarker(5, 0, 3)),
            rejected(new UploadMarker(5, 0, 3)));

    sink.write(batch);
    sink.write(batch);

    assertThat(count("results.orders")).isEqualTo(1);
    assertThat(count("results.order_lines")).isEqualTo(2);
    assertThat(count("results.non_order_charges")).isEqualTo(1);
    assertThat(count("results.rejected_rows")).isEqualTo(1);
    assertThat(count("results.upload_markers")).isEqualTo(2);
    assertThat(
            jdbc.queryForObject(
                "select net_amount from results.orders where order_id = '171-1'", BigDecimal.class))
        .isEqualByComparingTo("300.00");
  }

  @Test
  void theLastResultOfAnOrderInABatchWinsAndEveryResultAddsItsLine() {
    sink.write(
        List.of(
            result(order("171-2", "600.00", null, line("m1", "171-2"))),
            result(order("171-2", "600.00", "450.00", line("p1", "171-2")))));

    assertThat(
            jdbc.queryForObject(
                "select category from results.orders where order_id = '171-2'", String.class))
        .isEqualTo(Category.ORDER_AND_PAYMENT_RECEIVED.label());
    assertThat(lineIds("171-2")).containsExactlyInAnyOrder("m1", "p1");
  }

  @Test
  void aResultInALaterBatchAddsItsLineToThoseAlreadyWritten() {
    sink.write(List.of(result(order("171-3", "600.00", null, line("m1", "171-3")))));
    sink.write(List.of(result(order("171-3", "600.00", "450.00", line("p1", "171-3")))));

    assertThat(lineIds("171-3")).containsExactlyInAnyOrder("m1", "p1");
  }

  @Test
  void textsThatArraysQuoteOrTreatAsNullArriveAsGiven() {
    String awkward = "NULL, {braced} \"quoted\" back\\slash\ttab\nline ₹ ";
    Line line =
        new Line(
            "m\"1",
            ReportKind.MTR,
            "NULL",
            "NULL",
            null,
            new BigDecimal("-0.10"),
            null,
            5,
            awkward,
            7,
            Map.of("sku", awkward, "note", "null"),
            null);

    sink.write(List.of(result(order("NULL", "600.00", null, line))));

    assertThat(
            jdbc.queryForMap(
                "select line_id, transaction_type, payment_type, amount, line_date, file_name"
                    + " from results.order_lines where order_id = 'NULL'"))
        .containsEntry("line_id", "m\"1")
        .containsEntry("transaction_type", "NULL")
        .containsEntry("payment_type", null)
        .containsEntry("amount", new BigDecimal("-0.10"))
        .containsEntry("line_date", null)
        .containsEntry("file_name", awkward);
    String details =
        jdbc.queryForObject(
            "select details::text from results.order_lines where order_id = 'NULL'", String.class);
    assertThat(JsonMapper.builder().build().readValue(details, Map.class))
        .isEqualTo(Map.of("sku", awkward, "note", "null"));
    assertThat(
            jdbc.queryForMap(
                "select net_amount, return_invoice_amount, shipment_invoice_amount"
                    + " from results.orders where order_id = 'NULL'"))
        .containsEntry("net_amount", null)
        .containsEntry("return_invoice_amount", null)
        .containsEntry("shipment_invoice_amount", new BigDecimal("600.00"));
  }

  @Test
  void anOlderResultOfAnOrderWrittenLateChangesNothing() {
    OrderResult newer = order("171-4", "600.00", "450.00", line("p1", "171-4"));
    OrderResult older = order("171-4", "600.00", null, line("m1", "171-4"));

    sink.write(List.of(result(newer)));
    sink.write(List.of(result(older)));

    assertThat(
            jdbc.queryForMap(
                "select category, net_amount, payment_lines from results.orders"
                    + " where order_id = '171-4'"))
        .containsEntry("category", Category.ORDER_AND_PAYMENT_RECEIVED.label())
        .containsEntry("net_amount", new BigDecimal("450.00"))
        .containsEntry("payment_lines", 1);
    assertThat(lineIds("171-4")).containsExactlyInAnyOrder("m1", "p1");
  }

  @Test
  void aResultPostgresqlRefusesGoesToTheDeadLettersAndTheRestOfItsBatchIsWritten() {
    // PostgreSQL's text cannot hold a NUL character.
    Line poisoned =
        new Line(
            "p9",
            ReportKind.PAYMENT,
            "171-9",
            "Order\0",
            "Order",
            new BigDecimal("120.00"),
            null,
            5,
            "payment.csv",
            41,
            Map.of("total", "120.00"),
            null);
    OrderResult refused =
        new OrderResult(
            "171-9",
            Category.ORDER_AND_PAYMENT_RECEIVED,
            ToleranceStatus.WITHIN_TOLERANCE,
            new BigDecimal("600.00"),
            null,
            poisoned.amount(),
            null,
            null,
            0,
            1,
            null,
            0,
            null,
            List.of(poisoned));

    sink.write(
        List.of(
            result(order("171-8", "600.00", null, line("m1", "171-8"))),
            result(refused),
            result(new NonOrderCharge(chargeLine("c2", "Subscription Fee", "-588.82"))),
            result(new UploadMarker(5, 0, 3)),
            rejected(new UploadMarker(5, 0, 0))));

    assertThat(count("results.orders")).isEqualTo(1);
    assertThat(lineIds("171-8")).containsExactly("m1");
    assertThat(lineIds("171-9")).isEmpty();
    assertThat(count("results.non_order_charges")).isEqualTo(1);
    assertThat(count("results.upload_markers")).isEqualTo(2);
    assertThat(
            jdbc.queryForMap(
                "select file_name, kind, reason, message, raw_values::text as raw_values"
                    + " from results.rejected_rows where upload_id = 5 and row_number = 41"))
        .containsEntry("file_name", "payment.csv")
        .containsEntry("kind", ReportKind.PAYMENT.id())
        .containsEntry("reason", ResultBatch.DATABASE_REFUSED)
        .hasEntrySatisfying(
            "message",
            message ->
                assertThat((String) message)
                    .startsWith("PostgreSQL refused the result of order 171-9: 22"))
        .hasEntrySatisfying("raw_values", values -> assertThat((String) values).contains("120.00"));
  }

  @Test
  void aTimeoutIsNotARefusalTheBatchFailsToBeRetriedAndNothingGoesToTheDeadLetters()
      throws SQLException {
    DataSource impatient =
        postgres.getDatabase("postgres", "postgres", Map.of("options", "-c statement_timeout=300"));
    try (Connection holder = postgres.getPostgresDatabase().getConnection()) {
      holder.setAutoCommit(false);
      holder
          .createStatement()
          .execute(
              "insert into results.orders (order_id, category, tolerance_status, mtr_lines,"
                  + " payment_lines) values ('171-7', 'x', 'x', 0, 0)");

      assertThatThrownBy(
              () ->
                  sinkOn(impatient)
                      .write(
                          List.of(
                              result(order("171-6", "600.00", null, line("m1", "171-6"))),
                              result(order("171-7", "600.00", null, line("m1", "171-7"))))))
          .isInstanceOf(DataAccessException.class);
      holder.rollback();
    }

    assertThat(count("results.orders")).isZero();
    assertThat(count("results.order_lines")).isZero();
    assertThat(count("results.rejected_rows")).isZero();
  }

  private List<String> lineIds(String orderId) {
    return jdbc.queryForList(
        "select line_id from results.order_lines where order_id = ?", String.class, orderId);
  }

  private int count(String table) {
    Integer count = jdbc.queryForObject("select count(*) from " + table, Integer.class);
    return count == null ? 0 : count;
  }

  @Test
  void writesAnOrdersBreakdownAndShippedDateAndEachLinesTaxesByMonth() {
    PayoutBreakdown paid = breakdown("619.00", "-74.43", "-5.90", "-0.59", true);
    Line payment =
        new Line(
            "p1",
            ReportKind.PAYMENT,
            "171-9",
            Line.PAYMENT,
            "Order",
            new BigDecimal("538.08"),
            "2024-08-19T23:10:00",
            5,
            "payment.csv",
            9,
            Map.of(),
            paid);
    Line undated =
        new Line(
            "c9",
            ReportKind.PAYMENT,
            "",
            Line.PAYMENT,
            "Service Fee",
            new BigDecimal("-10.00"),
            "not a date",
            5,
            "payment.csv",
            10,
            Map.of(),
            breakdown("0", "-9.00", "-1.00", "0", true));
    OrderResult order =
        new OrderResult(
            "171-9",
            Category.ORDER_AND_PAYMENT_RECEIVED,
            ToleranceStatus.WITHIN_TOLERANCE,
            new BigDecimal("700.00"),
            null,
            new BigDecimal("538.08"),
            null,
            null,
            1,
            1,
            paid,
            0,
            LocalDate.of(2024, 7, 17),
            List.of(payment));

    sink.write(List.of(result(order), result(new NonOrderCharge(undated))));

    Map<String, Object> row =
        jdbc.queryForMap(
            "select sales, fees, tcs, tdssection194o, inconsistent_lines, fee_percent,"
                + " shipped_date from results.orders where order_id = '171-9'");
    assertThat((BigDecimal) row.get("sales")).isEqualByComparingTo("619.00");
    assertThat((BigDecimal) row.get("fees")).isEqualByComparingTo("-74.43");
    assertThat((BigDecimal) row.get("tcs")).isEqualByComparingTo("-5.90");
    assertThat((BigDecimal) row.get("tdssection194o")).isEqualByComparingTo("-0.59");
    assertThat(row.get("inconsistent_lines")).isEqualTo(0);
    assertThat((BigDecimal) row.get("fee_percent")).isEqualByComparingTo("12.02");
    assertThat(row.get("shipped_date").toString()).isEqualTo("2024-07-17");
    assertThat(
            jdbc.queryForMap(
                "select paid_on::text, tax_month, tcsigst, consistent from results.order_lines"))
        .containsEntry("paid_on", "2024-08-19")
        .containsEntry("tax_month", "2024-08")
        .containsEntry("consistent", true);
    assertThat(
            jdbc.queryForMap("select paid_on, tax_month, tcsigst from results.non_order_charges"))
        .containsEntry("paid_on", null)
        .containsEntry("tax_month", "unknown");
  }

  @Test
  void anOrderWithoutABreakdownLeavesItsColumnsEmpty() {
    sink.write(List.of(result(order("171-8", "600.00", "300.00", line("p1", "171-8")))));

    Map<String, Object> row =
        jdbc.queryForMap(
            "select sales, inconsistent_lines, fee_percent, shipped_date from results.orders");
    assertThat(row.values()).containsOnlyNulls();
    assertThat(
            jdbc.queryForMap(
                "select paid_on::text, tax_month, consistent from results.order_lines"))
        .containsEntry("paid_on", "2024-07-01")
        .containsEntry("tax_month", null)
        .containsEntry("consistent", null);
  }

  /** Product sales, selling fees, TCS-IGST and TDS; every other component 0. */
  private static PayoutBreakdown breakdown(
      String productSales, String sellingFees, String tcsIgst, String tds, boolean consistent) {
    List<BigDecimal> components = new ArrayList<>();
    for (String column : PayoutBreakdown.COLUMNS) {
      components.add(
          switch (column) {
            case "productsales" -> new BigDecimal(productSales);
            case "sellingfees" -> new BigDecimal(sellingFees);
            case "tcsigst" -> new BigDecimal(tcsIgst);
            case "tdssection194o" -> new BigDecimal(tds);
            default -> BigDecimal.ZERO;
          });
    }
    return new PayoutBreakdown(components, consistent);
  }

  private ConsumerRecord<String, byte[]> result(ResultEvent event) {
    String topic = Topics.RESULTS.name();
    return new ConsumerRecord<>(
        topic, 0, offset++, "k", Topics.RESULTS.valueSerde().serializer().serialize(topic, event));
  }

  private ConsumerRecord<String, byte[]> rejected(dev.recon.contracts.RejectedEvent event) {
    String topic = Topics.REJECTED.name();
    return new ConsumerRecord<>(
        topic, 0, offset++, "k", Topics.REJECTED.valueSerde().serializer().serialize(topic, event));
  }

  private static OrderResult order(String orderId, String shipment, String net, Line... lines) {
    List<Line> all = new ArrayList<>(List.of(lines));
    boolean paid = net != null;
    return new OrderResult(
        orderId,
        paid ? Category.ORDER_AND_PAYMENT_RECEIVED : Category.PAYMENT_PENDING,
        paid ? ToleranceStatus.WITHIN_TOLERANCE : ToleranceStatus.NOT_APPLICABLE,
        new BigDecimal(shipment),
        null,
        paid ? new BigDecimal(net) : null,
        null,
        null,
        1,
        paid ? 1 : 0,
        null,
        0,
        null,
        all);
  }

  private static Line line(String id, String orderId) {
    boolean mtr = id.startsWith("m");
    return new Line(
        id,
        mtr ? ReportKind.MTR : ReportKind.PAYMENT,
        orderId,
        mtr ? Line.SHIPMENT : Line.PAYMENT,
        mtr ? null : "Order",
        new BigDecimal("100.00"),
        "2024-07-01T10:00:00",
        5,
        mtr ? "mtr.csv" : "payment.csv",
        2,
        Map.of("sku", "SKU-1"),
        null);
  }

  private static Line chargeLine(String id, String description, String amount) {
    return new Line(
        id,
        ReportKind.PAYMENT,
        "",
        Line.PAYMENT,
        "Subscription Fee",
        new BigDecimal(amount),
        null,
        5,
        "payment.csv",
        3,
        Map.of("description", description),
        null);
  }
}
