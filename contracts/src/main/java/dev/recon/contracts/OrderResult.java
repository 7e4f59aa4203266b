package dev.recon.contracts;

import java.math.BigDecimal;
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
    List<Line> lines)
    implements ResultEvent {}
