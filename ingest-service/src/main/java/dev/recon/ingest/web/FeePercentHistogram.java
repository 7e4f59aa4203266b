package dev.recon.ingest.web;

import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * How the fee percents of the orders that have one (SPEC §8.1) spread, in buckets of equal width
 * from 0 to 100 %: which share of their sales the marketplace keeps.
 */
@Repository
class FeePercentHistogram {

  private static final int TOP_PERCENT = 100;

  /**
   * Orders whose fee percent is at least {@code from} and below {@code to}.
   *
   * @param from null for the lowest bucket, which also holds any percent below 0 (a refund of fees)
   * @param to null for the highest bucket, which holds every percent from 100 up
   */
  record Bucket(Integer from, Integer to, long orders) {}

  private final JdbcTemplate jdbc;

  FeePercentHistogram(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  /** Every bucket from below {@code width} to 100 % and above, empty ones included. */
  List<Bucket> buckets(int width) {
    int top = (TOP_PERCENT + width - 1) / width;
    long[] counts = new long[top + 1];
    jdbc.query(
        "select least(greatest(floor(fee_percent / ?), 0), ?) as bucket, count(*)"
            + " from results.orders where fee_percent is not null group by 1",
        rs -> {
          counts[rs.getInt(1)] = rs.getLong(2);
        },
        width,
        top);
    List<Bucket> buckets = new ArrayList<>(top + 1);
    for (int i = 0; i <= top; i++) {
      buckets.add(
          new Bucket(i == 0 ? null : i * width, i == top ? null : (i + 1) * width, counts[i]));
    }
    return buckets;
  }
}
