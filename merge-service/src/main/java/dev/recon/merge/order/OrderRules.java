package dev.recon.merge.order;

import dev.recon.contracts.Category;
import dev.recon.contracts.Line;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.ToleranceStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** SPEC §5: an order's category and tolerance from the totals of all of its distinct lines. */
public final class OrderRules {

  /** Removal orders are known only by their ids of exactly 10 characters (SPEC §5, rule 1). */
  private static final int REMOVAL_ORDER_ID_LENGTH = 10;

  private static final int PERCENT_SCALE = 10;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private OrderRules() {}

  /**
   * Evaluates one order.
   *
   * @param totals the sums of the order's distinct lines, the added one included
   * @param added the line whose arrival this result reports
   * @return amounts as exact sums (null when no line contributes), the payout percent to 10 places
   *     HALF_EVEN (null without both amounts or with a zero shipment), the figures of SPEC §8, and
   *     the added line
   */
  public static OrderResult evaluate(
      String orderId, OrderTotals totals, Line added, ToleranceBands bands) {
    BigDecimal shipment = totals.shipment();
    BigDecimal net = totals.net();
    BigDecimal payoutPercent =
        shipment == null || net == null || shipment.signum() == 0
            ? null
            : net.multiply(HUNDRED).divide(shipment, PERCENT_SCALE, RoundingMode.HALF_EVEN);
    Category category = category(orderId, shipment, totals.returned(), net);
    ToleranceStatus tolerance = bands.check(category, shipment, net);
    return new OrderResult(
        orderId,
        category,
        tolerance,
        shipment,
        totals.returned(),
        net,
        payoutPercent,
        tolerance == ToleranceStatus.NOT_APPLICABLE ? null : bands.minimumPercentFor(net),
        totals.mtrLines(),
        totals.paymentLines(),
        totals.breakdown(),
        totals.inconsistentLines(),
        totals.shippedDate(),
        List.of(added));
  }

  /** The first rule of SPEC §5 that holds, in the order of {@link Category}. */
  private static Category category(
      String orderId, BigDecimal shipment, BigDecimal returned, BigDecimal net) {
    if (orderId.codePointCount(0, orderId.length()) == REMOVAL_ORDER_ID_LENGTH) {
      return Category.REMOVAL_ORDER_IDS;
    }
    if (returned != null) {
      return Category.RETURN;
    }
    if (net != null && net.signum() < 0) {
      return Category.NEGATIVE_PAYOUT;
    }
    if (shipment != null && net != null) {
      return Category.ORDER_AND_PAYMENT_RECEIVED;
    }
    if (net != null) {
      return Category.ORDER_NOT_APPLICABLE_BUT_PAYMENT_RECEIVED;
    }
    if (shipment != null) {
      return Category.PAYMENT_PENDING;
    }
    return Category.UNCLASSIFIED;
  }
}
