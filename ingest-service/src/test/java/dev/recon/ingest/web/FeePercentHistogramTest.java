package dev.recon.ingest.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.results.ResultsDatabase;
import dev.recon.ingest.web.FeePercentHistogram.Bucket;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The fee percent histogram's SQL against a real PostgreSQL. */
class FeePercentHistogramTest {

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

  @Test
  void countsTheOrdersWithAFeePercentPerBucketWithOpenEnds() {
    jdbc.execute("truncate results.orders");
    order("a", "23.80");
    order("b", "29.99");
    order("c", "20.00");
    order("refund", "-4.00");
    order("all-fees", "100.00");
    order("no-breakdown", null);

    List<Bucket> buckets = new FeePercentHistogram(jdbc).buckets(10);

    assertThat(buckets).hasSize(11);
    assertThat(buckets.get(0)).isEqualTo(new Bucket(null, 10, 1));
    assertThat(buckets.get(2)).isEqualTo(new Bucket(20, 30, 3));
    assertThat(buckets.get(10)).isEqualTo(new Bucket(100, null, 1));
    assertThat(buckets.stream().mapToLong(Bucket::orders).sum())
        .as("an order without a fee percent is in no bucket")
        .isEqualTo(5);
  }

  private static void order(String orderId, String feePercent) {
    jdbc.update(
        "insert into results.orders (order_id, category, tolerance_status, mtr_lines,"
            + " payment_lines, fee_percent) values (?, 'Order & Payment Received',"
            + " 'Within Tolerance', 1, 1, ?)",
        orderId,
        feePercent == null ? null : new BigDecimal(feePercent));
  }
}
