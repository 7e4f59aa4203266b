package dev.recon.ingest.web;

import dev.recon.contracts.Category;
import dev.recon.contracts.ToleranceStatus;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How the payout percents of paid orders ({@code Order & Payment Received}) spread, in buckets of
 * equal width from 0 to 100 %, each split by tolerance status: the picture behind the tolerance
 * counts.
 */
@Repository
class PayoutHistogram {

  private static final int TOP_PERCENT = 100;

  /**
   * Orders whose payout percent is at least {@code from} and below {@code to}.
   *
   * @param from null for the lowest bucket, which also holds any percent below 0
   * @param to null for the highest bucket, which holds every percent from 100 up
   */
  record Bucket(Integer from, Integer to, long orders, long within, long breached) {}

  private final JdbcTemplate jdbc;

  PayoutHistogram(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every bucket from below {@code width} to 100 % and above, empty ones included. */
  List<Bucket> buckets(int width) {
    int top = (TOP_PERCENT + width - 1) / width;
    long[][] counts = new long[top + 1][3];
    jdbc.query(
        "select least(greatest(floor(payout_percent / ?), 0), ?) as bucket, count(*),"
            + " count(*) filter (where tolerance_status = ?),"
            + " count(*) filter (where tolerance_status = ?)"
            + " from results.orders where category = ? and payout_percent is not null"
            + " group by 1",
        rs -> {
          int bucket = rs.getInt(1);
          counts[bucket][0] = rs.getLong(2);
          counts[bucket][1] = rs.getLong(3);
          counts[bucket][2] = rs.getLong(4);
        },
        width,
        top,
        ToleranceStatus.WITHIN_TOLERANCE.label(),
        ToleranceStatus.TOLERANCE_BREACHED.label(),
        Category.ORDER_AND_PAYMENT_RECEIVED.label());
    List<Bucket> buckets = new ArrayList<>(top + 1);
    for (int i = 0; i <= top; i++) {
      buckets.add(
          new Bucket(
              i == 0 ? null : i * width,
              i == top ? null : (i + 1) * width,
              counts[i][0],
              counts[i][1],
              counts[i][2]));
    }
    return buckets;
  }
}
