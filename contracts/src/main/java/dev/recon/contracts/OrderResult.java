package dev.recon.contracts;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * An order's result after every line seen so far (SPEC §5), sent when a new line arrives: each
 * result replaces the previous one of the order, whose lines the sink keeps.
 *
 * @param shipmentInvoiceAmount null when the order has no Shipment line
 * @param returnInvoiceAmount null when the order has no Return line
 * @param netAmount null when the order has no payment line
 * @param payoutPercent net ÷ shipment × 100, exact to 10 places; null when not defined
 * @param toleranceMinimumPercent the minimum of the tolerance band the order was checked against;
 *     null when the check does not apply
 * @param breakdown the sums of the payout components of the order's payment lines that have them
 *     (SPEC §8.1); null when none has
 * @param inconsistentLines how many of those lines do not add up to their total
 * @param shippedDate the earliest readable shipment date of the Shipment lines, else their earliest
 *     readable invoice date (SPEC §8.2); null when none is readable
 * @param lines the lines this result adds to the order (the one that arrived); the lines of earlier
 *     results stay: an order's lines are those of all its results
 */
public record OrderResult(
    String orderId,
    Category category,
    ToleranceStatus toleranceStatus,
    BigDecimal shipmentInvoiceAmount,
    BigDecimal returnInvoiceAmount,
    BigDecimal netAmount,
    BigDecimal payoutPercent,
    BigDecimal toleranceMinimumPercent,
    int mtrLines,
    int paymentLines,
    PayoutBreakdown breakdown,
    int inconsistentLines,
    LocalDate shippedDate,
    List<Line> lines)
    implements ResultEvent {}
