package dev.recon.merge.order;

import dev.recon.contracts.Category;
import dev.recon.contracts.Line;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.ToleranceStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/** SPEC §5: an order's amounts, category and tolerance from all of its distinct lines. */
public final class OrderRules {

  /** Removal orders are known only by their ids of exactly 10 characters (SPEC §5, rule 1). */
  private static final int REMOVAL_ORDER_ID_LENGTH = 10;

  private static final int PERCENT_SCALE = 10;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private OrderRules() {}

  /**
   * Evaluates one order.
   *
   * @param mtrLines the order's distinct MTR lines, Cancel already dropped
   * @param paymentLines the order's distinct payment lines, Transfer already dropped
   * @param added the line, one of those, whose arrival this result reports
   * @return amounts as exact sums (null when no line contributes), the payout percent to 10 places
   *     HALF_EVEN (null without both amounts or with a zero shipment), and the added line
   */
  public static OrderResult evaluate(
      String orderId,
      List<Line> mtrLines,
      List<Line> paymentLines,
      Line added,
      ToleranceBands bands) {
    BigDecimal shipment = null;
    BigDecimal returned = null;
    for (Line line : mtrLines) {
      if (Line.SHIPMENT.equals(line.transactionType())) {
        shipment = add(shipment, line.amount());
      } else if (Line.RETURN.equals(line.transactionType())) {
        returned = add(returned, line.amount());
      }
    }
    BigDecimal net = null;
    for (Line line : paymentLines) {
      net = add(net, line.amount());
    }
    BigDecimal payoutPercent =
        shipment == null || net == null || shipment.signum() == 0
            ? null
            : net.multiply(HUNDRED).divide(shipment, PERCENT_SCALE, RoundingMode.HALF_EVEN);
    Category category = category(orderId, shipment, returned, net);
    ToleranceStatus tolerance = bands.check(category, shipment, net);
    return new OrderResult(
        orderId,
        category,
        tolerance,
        shipment,
        returned,
        net,
        payoutPercent,
        tolerance == ToleranceStatus.NOT_APPLICABLE ? null : bands.minimumPercentFor(net),
        mtrLines.size(),
        paymentLines.size(),
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

  private static BigDecimal add(BigDecimal sum, BigDecimal amount) {
    return sum == null ? amount : sum.add(amount);
  }
}
