package dev.recon.ingest.results;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** How amounts and percentages are shown: exactly 2 decimals, HALF_EVEN, never -0.00. */
public final class Decimals {

  private Decimals() {}

  public static BigDecimal twoPlaces(BigDecimal value) {
    if (value == null) {
      return null;
    }
    BigDecimal rounded = value.setScale(2, RoundingMode.HALF_EVEN);
    return rounded.signum() == 0 ? rounded.abs() : rounded;
  }

  /** The plain text of {@link #twoPlaces}, or empty for an absent value. */
  public static String text(BigDecimal value) {
    return value == null ? "" : twoPlaces(value).toPlainString();
  }
}
