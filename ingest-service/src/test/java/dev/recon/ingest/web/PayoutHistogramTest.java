package dev.recon.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.results.ResultsDatabase;
import dev.recon.ingest.web.PayoutHistogram.Bucket;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The histogram's SQL against a real PostgreSQL. */
class PayoutHistogramTest {

  private static ResultsDatabase database;
  private static JdbcTemplate jdbc;

  @BeforeAll
  static void startPostgres() throws IOException {
    database = ResultsDatabase.start();
    jdbc = database.jdbc();
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    database.close();
  }

  @BeforeEach
  void emptyTable() {
    jdbc.execute("truncate results.orders");
  }

  @Test
  void countsPaidOrdersPerBucketSplitByToleranceStatus() {
    paid("a", "47.50", "Tolerance Breached");
    paid("b", "49.99", "Within Tolerance");
    paid("c", "45.00", "Within Tolerance");
    paid("d", "50.00", "Within Tolerance");

    List<Bucket> buckets = new PayoutHistogram(jdbc).buckets(5);

    assertThat(buckets.get(9)).isEqualTo(new Bucket(45, 50, 3, 2, 1));
    assertThat(buckets.get(10)).isEqualTo(new Bucket(50, 55, 1, 1, 0));
  }

  @Test
  void coversZeroToAHundredWithOpenEndsAndEmptyBuckets() {
    paid("low", "-12", "Tolerance Breached");
    paid("high", "140", "Within Tolerance");
    paid("edge", "100", "Within Tolerance");

    List<Bucket> buckets = new PayoutHistogram(jdbc).buckets(10);

    assertThat(buckets).hasSize(11);
    assertThat(buckets.get(0)).isEqualTo(new Bucket(null, 10, 1, 0, 1));
    assertThat(buckets.get(10)).isEqualTo(new Bucket(100, null, 2, 2, 0));
    assertThat(buckets.subList(1, 10)).allSatisfy(bucket -> assertThat(bucket.orders()).isZero());
  }

  @Test
  void leavesOutOtherCategoriesAndOrdersWithoutAPercent() {
    jdbc.update(
        "insert into results.orders (order_id, category, tolerance_status, payout_percent)"
            + " values ('r', 'Return', 'Not Applicable', 60)"
            + ", ('z', 'Order & Payment Received', 'Not Applicable', null)");

    assertThat(new PayoutHistogram(jdbc).buckets(5))
        .allSatisfy(bucket -> assertThat(bucket.orders()).isZero());
  }

  @Test
  void anOrderIdOrStatusNeverReachesTheSqlText() {
    paid("x' or '1'='1", "70", "Within Tolerance");

    assertThat(new PayoutHistogram(jdbc).buckets(5).get(14).within()).isEqualTo(1);
  }

  private static void paid(String orderId, String percent, String status) {
    jdbc.update(
        "insert into results.orders (order_id, category, tolerance_status, payout_percent)"
            + " values (?, 'Order & Payment Received', ?, ?::numeric)",
        orderId,
        status,
        percent);
  }
}
