package dev.recon.ingest.results;

import dev.recon.contracts.Category;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * How long an unpaid order has waited (SPEC §8.2), as of the ledger's latest payment date.
 *
 * @param shippedDate null when the order has no readable shipment or invoice date
 * @param ageDays whole days from its shipped date to the as-of date, 0 when negative; null without
 *     a shipped date
 */
public record Ageing(
    LocalDate asOf, LocalDate shippedDate, Integer ageDays, String bucket, boolean overdue) {

  /**
   * The ageing rules of one ledger.
   *
   * @param asOf the latest readable date of the ledger's payment lines; null: nothing is aged
   */
  public record Rules(LocalDate asOf, int paymentTermDays) {

    /** An order's ageing: null unless it is unpaid and the ledger has an as-of date. */
    public Ageing of(String category, LocalDate shippedDate) {
      if (asOf == null || !Category.PAYMENT_PENDING.label().equals(category)) {
        return null;
      }
      Integer ageDays =
          shippedDate == null
              ? null
              : (int) Math.max(0, ChronoUnit.DAYS.between(shippedDate, asOf));
      return new Ageing(
          asOf,
          shippedDate,
          ageDays,
          AgeingBucket.of(ageDays).label(),
          ageDays != null && ageDays > paymentTermDays);
    }

    /** The latest shipped date of an order that is overdue. */
    LocalDate lastOverdueShippedDate() {
      return asOf.minusDays(paymentTermDays + 1L);
    }
  }
}
