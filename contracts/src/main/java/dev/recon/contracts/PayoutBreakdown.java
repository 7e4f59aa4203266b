package dev.recon.contracts;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * What a payout is made of (SPEC §8.1): the component columns Amazon prints beside a payment line's
 * total, or their sums over an order's lines.
 *
 * @param components the amounts of {@link #COLUMNS}, in that order (0 for an empty cell)
 * @param consistent for a line, whether every component was readable and they add up to its total;
 *     for a sum, whether every line summed was
 */
public record PayoutBreakdown(List<BigDecimal> components, boolean consistent) {

  /** The component columns by normalised name, by group: sales, fees, other, TCS, TDS. */
  public static final List<String> COLUMNS =
      List.of(
          "productsales",
          "shippingcredits",
          "giftwrapcredits",
          "promotionalrebates",
          "sellingfees",
          "fbafees",
          "othertransactionfees",
          "other",
          "tcscgst",
          "tcssgst",
          "tcsigst",
          "tdssection194o");

  private static final int SALES_END = 4;
  private static final int FEES_END = 7;
  private static final int OTHER_END = 8;
  private static final int TCS_END = 11;

  public PayoutBreakdown {
    if (components.size() != COLUMNS.size()) {
      throw new IllegalArgumentException(
          COLUMNS.size() + " components expected, not " + components.size());
    }
    components = List.copyOf(components);
  }

  public BigDecimal component(String column) {
    int index = COLUMNS.indexOf(column);
    if (index < 0) {
      throw new IllegalArgumentException("'" + column + "' is not a payout component");
    }
    return components.get(index);
  }

  public BigDecimal sales() {
    return sum(0, SALES_END);
  }

  public BigDecimal fees() {
    return sum(SALES_END, FEES_END);
  }

  public BigDecimal other() {
    return sum(FEES_END, OTHER_END);
  }

  public BigDecimal tcs() {
    return sum(OTHER_END, TCS_END);
  }

  public BigDecimal tds() {
    return sum(TCS_END, COLUMNS.size());
  }

  /** Everything the components add up to: what the line's total should be. */
  public BigDecimal total() {
    return sum(0, COLUMNS.size());
  }

  /** This breakdown's fee percent, by {@link #feePercent(BigDecimal, BigDecimal)}. */
  public BigDecimal feePercent() {
    return feePercent(fees(), component("productsales"));
  }

  /**
   * SPEC §8.1: −fees ÷ product sales × 100, rounded HALF_EVEN to 2 places; null unless product
   * sales are above 0.
   */
  public static BigDecimal feePercent(BigDecimal fees, BigDecimal productSales) {
    if (productSales.signum() <= 0) {
      return null;
    }
    return fees.negate()
        .multiply(BigDecimal.valueOf(100))
        .divide(productSales, 2, RoundingMode.HALF_EVEN);
  }

  /** The component-wise sum; consistent only when both are. */
  public PayoutBreakdown plus(PayoutBreakdown other) {
    List<BigDecimal> sums = new ArrayList<>(COLUMNS.size());
    for (int i = 0; i < COLUMNS.size(); i++) {
      sums.add(components.get(i).add(other.components.get(i)));
    }
    return new PayoutBreakdown(sums, consistent && other.consistent);
  }

  private BigDecimal sum(int from, int to) {
    BigDecimal sum = BigDecimal.ZERO;
    for (int i = from; i < to; i++) {
      sum = sum.add(components.get(i));
    }
    return sum;
  }
}
