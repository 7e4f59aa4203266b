package dev.recon.ingest.results;

import dev.recon.contracts.PayoutBreakdown;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where an order's payout went (SPEC §8.1): its sales, fees, other, TCS and TDS, the components
 * they sum, how many of its payment lines do not add up, and its fee percent.
 */
public record Breakdown(
    BigDecimal sales,
    BigDecimal fees,
    BigDecimal other,
    BigDecimal tcs,
    BigDecimal tds,
    Map<String, BigDecimal> components,
    int inconsistentLines,
    BigDecimal feePercent) {

  /** The breakdown of an orders row; null when the order has none. */
  static Breakdown of(ResultSet row) throws SQLException {
    Object inconsistentLines = row.getObject("inconsistent_lines");
    if (inconsistentLines == null) {
      return null;
    }
    Map<String, BigDecimal> components = new LinkedHashMap<>();
    for (String column : PayoutBreakdown.COLUMNS) {
      components.put(column, row.getBigDecimal(column));
    }
    return new Breakdown(
        row.getBigDecimal("sales"),
        row.getBigDecimal("fees"),
        row.getBigDecimal("other"),
        row.getBigDecimal("tcs"),
        row.getBigDecimal("tdssection194o"),
        components,
        ((Number) inconsistentLines).intValue(),
        row.getBigDecimal("fee_percent"));
  }
}
