package dev.recon.merge.order;

import dev.recon.contracts.Line;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.line.Dates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * What the rules of SPEC §5 and §8 read of an order's distinct lines, summed as they arrive: a new
 * line costs the same whatever the number of lines before it, and the stored value stays a few
 * dozen bytes. Which lines were seen is kept apart, by line identity (see {@code OrderLineMerger}).
 *
 * @param shipment the sum of the Shipment lines; null when there is none
 * @param returned the sum of the Return lines; null when there is none
 * @param net the sum of the payment lines; null when there is none
 * @param breakdown the sum of the payout components of the payment lines that have them; null when
 *     none has
 * @param inconsistentLines payment lines whose components do not add up to their total
 * @param earliestShipmentDate the earliest readable shipment date of the Shipment lines
 * @param earliestShipmentInvoiceDate the earliest readable invoice date of the Shipment lines
 */
public record OrderTotals(
    BigDecimal shipment,
    BigDecimal returned,
    BigDecimal net,
    int mtrLines,
    int paymentLines,
    PayoutBreakdown breakdown,
    int inconsistentLines,
    LocalDate earliestShipmentDate,
    LocalDate earliestShipmentInvoiceDate) {

  private static final String SHIPMENT_DATE = "shipmentdate";

  public static final OrderTotals NONE =
      new OrderTotals(null, null, null, 0, 0, null, 0, null, null);

  /** These totals with one more distinct line (Cancel and Transfer rows never reach the merge). */
  public OrderTotals with(Line line) {
    if (line.kind() == ReportKind.PAYMENT) {
      PayoutBreakdown lineBreakdown = line.breakdown();
      return new OrderTotals(
          shipment,
          returned,
          add(net, line.amount()),
          mtrLines,
          paymentLines + 1,
          lineBreakdown == null
              ? breakdown
              : breakdown == null ? lineBreakdown : breakdown.plus(lineBreakdown),
          inconsistentLines + (lineBreakdown != null && !lineBreakdown.consistent() ? 1 : 0),
          earliestShipmentDate,
          earliestShipmentInvoiceDate);
    }
    boolean isShipment = Line.SHIPMENT.equals(line.transactionType());
    boolean isReturn = Line.RETURN.equals(line.transactionType());
    return new OrderTotals(
        isShipment ? add(shipment, line.amount()) : shipment,
        isReturn ? add(returned, line.amount()) : returned,
        net,
        mtrLines + 1,
        paymentLines,
        breakdown,
        inconsistentLines,
        isShipment
            ? earlier(earliestShipmentDate, line.detail(SHIPMENT_DATE))
            : earliestShipmentDate,
        isShipment
            ? earlier(earliestShipmentInvoiceDate, line.date())
            : earliestShipmentInvoiceDate);
  }

  /**
   * SPEC §8.2: the earliest readable shipment date of the Shipment lines, else their earliest
   * readable invoice date; null when neither is.
   */
  public LocalDate shippedDate() {
    return earliestShipmentDate != null ? earliestShipmentDate : earliestShipmentInvoiceDate;
  }

  private static BigDecimal add(BigDecimal sum, BigDecimal amount) {
    return sum == null ? amount : sum.add(amount);
  }

  /** The earlier of a date and the calendar date of a date text, as written (no zone change). */
  private static LocalDate earlier(LocalDate known, String dateText) {
    if (dateText == null) {
      return known;
    }
    LocalDate date = Dates.parse(dateText).map(LocalDateTime::toLocalDate).orElse(null);
    if (date == null) {
      return known;
    }
    return known == null || date.isBefore(known) ? date : known;
  }
}
