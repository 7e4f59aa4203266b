package dev.recon.contracts;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order's result after every line seen so far (SPEC §5): each new line replaces the previous
 * result of the order, so the results topic is compacted by order id.
 *
 * @param shipmentInvoiceAmount null when the order has no Shipment line
 * @param returnInvoiceAmount null when the order has no Return line
 * @param netAmount null when the order has no payment line
 * @param payoutPercent net ÷ shipment × 100, exact to 10 places; null when not defined
 * @param toleranceMinimumPercent the minimum of the tolerance band the order was checked against;
 *     null when the check does not apply
 * @param lines every distinct line of the order, MTR lines first, each in order of arrival
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
