package dev.recon.ingest.web;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One band of the tolerance table (SPEC §5), read from the same setting as the merge service's
 * ({@code RECON_TOLERANCE_BANDS}), so that the UI can say which band an order fell in.
 *
 * @param netUpTo the inclusive upper bound of net amount; null for the last, unbounded band
 * @param minimumPercent the payout percent an order of the band must exceed
 */
record ToleranceBand(BigDecimal netUpTo, BigDecimal minimumPercent) {

  /**
   * Reads {@code upper bound:minimum percent} pairs, the last bound {@code *}. The merge service
   * refuses a malformed table; here such a table reads as no bands, because each order's result
   * carries its own minimum and the bands only annotate it.
   */
  static List<ToleranceBand> parse(String text) {
    List<ToleranceBand> bands = new ArrayList<>();
    if (text == null) {
      return bands;
    }
    String[] parts = text.split(",", -1);
    for (int i = 0; i < parts.length; i++) {
      String[] pair = parts[i].strip().split(":", -1);
      boolean last = i == parts.length - 1;
      if (pair.length != 2 || pair[0].strip().equals("*") != last) {
        return List.of();
      }
      try {
        bands.add(
            new ToleranceBand(
                last ? null : new BigDecimal(pair[0].strip()), new BigDecimal(pair[1].strip())));
      } catch (NumberFormatException e) {
        return List.of();
      }
    }
    return List.copyOf(bands);
  }
}
