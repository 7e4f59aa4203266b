package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.ingest.results.OrderCounts.Count;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The pager's counts against a real PostgreSQL, with a limit of 10 orders for exact counts. */
class OrderCountsTest {

  private static final int EXACT_UP_TO = 10;
  private static final Duration MAX_AGE = Duration.ofSeconds(2);
  private static final OrderFilter ALL = new OrderFilter(null, null, null);

  private static ResultsDatabase database;
  private static JdbcTemplate jdbc;

  private final MutableClock clock = new MutableClock();
  private OrderCounts counts;

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
    counts = new OrderCounts(jdbc, EXACT_UP_TO, MAX_AGE, clock);
  }

  @AfterEach
  void stopCounts() {
    counts.stop();
  }

  @Test
  void countsUpToTheLimitExactlyEveryTime() {
    insert("a", 10, "Order & Payment Received");
    assertThat(counts.count(ALL)).isEqualTo(new Count(10, true));

    insert("b", 3, "Payment Pending");
    jdbc.update("delete from results.orders where order_id = 'a-0'");

    assertThat(counts.count(ALL)).isEqualTo(new Count(12, true));
    assertThat(counts.count(new OrderFilter("Payment Pending", null, null)))
        .isEqualTo(new Count(3, true));
  }

  @Test
  void aLargerCountIsExactFirstThenServedFromTheLastCountUntilItIsStale() {
    insert("a", 25, "Order & Payment Received");
    assertThat(counts.count(ALL)).isEqualTo(new Count(25, true));

    insert("b", 5, "Order & Payment Received");
    assertThat(counts.count(ALL)).isEqualTo(new Count(25, false));

    clock.advance(MAX_AGE.plusMillis(1));
    // the stale count answers once more while it is counted again in the background
    assertThat(counts.count(ALL)).isEqualTo(new Count(25, false));
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(counts.count(ALL)).isEqualTo(new Count(30, false)));
  }

  @Test
  void eachFilterHasItsOwnCountAndASmallSetIsExactAgainAtOnce() {
    insert("a", 20, "Order & Payment Received");
    insert("b", 15, "Payment Pending");
    OrderFilter pending = new OrderFilter("Payment Pending", null, null);
    OrderFilter searchB = new OrderFilter(null, null, "B-1");

    assertThat(counts.count(ALL)).isEqualTo(new Count(35, true));
    assertThat(counts.count(pending)).isEqualTo(new Count(15, true));
    // b-1, b-10 … b-14
    assertThat(counts.count(searchB)).isEqualTo(new Count(6, true));

    jdbc.update("delete from results.orders where category = 'Payment Pending'");
    assertThat(counts.count(pending)).isEqualTo(new Count(0, true));
    assertThat(counts.count(ALL)).isEqualTo(new Count(35, false));
  }

  private static void insert(String prefix, int orders, String category) {
    for (int i = 0; i < orders; i++) {
      jdbc.update(
          "insert into results.orders (order_id, category, tolerance_status)"
              + " values (?, ?, 'Not Applicable')",
          prefix + "-" + i,
          category);
    }
  }

  /** A clock the test moves, so that staleness does not depend on how fast the test runs. */
  private static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-11-26T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
