package dev.recon.contracts;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The tolerance table of SPEC §5: bands of net amount, each with the payout percent an order must
 * exceed. Configured as text ({@code RECON_TOLERANCE_BANDS}), {@code upper bound:minimum percent}
 * pairs in ascending order, the last one unbounded ({@code *}); the default is {@value #DEFAULT}.
 * The one definition and parser of that setting: the merge service checks orders with it, the
 * gateway shows it, and both refuse to start with a malformed table for the same reason.
 */
public final class ToleranceBands {

  public static final String DEFAULT = "300:50,500:45,900:43,1500:38,*:30";

  private static final String UNBOUNDED = "*";
  private static final String FORM =
      "'upper bound:minimum percent' pairs separated by commas, the last bound '*', e.g. "
          + DEFAULT;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);
  private static final ToleranceBands DEFAULTS = parse(DEFAULT);

  /** Inclusive upper bounds of net amount, ascending; the last band, unbounded, has none. */
  private final List<BigDecimal> upperBounds;

  /** One per band: one more than there are upper bounds. */
  private final List<BigDecimal> minimums;

  private ToleranceBands(List<BigDecimal> upperBounds, List<BigDecimal> minimums) {
    this.upperBounds = upperBounds;
    this.minimums = minimums;
  }

  /**
   * One band as the gateway shows it.
   *
   * @param netUpTo the inclusive upper bound of net amount; null for the last, unbounded band
   * @param minimumPercent the payout percent an order of the band must exceed
   */
  public record Band(BigDecimal netUpTo, BigDecimal minimumPercent) {}

  public static ToleranceBands defaults() {
    return DEFAULTS;
  }

  /**
   * Reads bands such as {@value #DEFAULT}; white space around the parts is ignored.
   *
   * @throws IllegalArgumentException naming the band that is malformed, out of order or missing
   */
  public static ToleranceBands parse(String text) {
    if (text == null || text.isBlank()) {
      throw new IllegalArgumentException("tolerance bands are empty: give " + FORM);
    }
    String[] bands = text.split(",", -1);
    List<BigDecimal> upperBounds = new ArrayList<>(bands.length);
    List<BigDecimal> minimums = new ArrayList<>(bands.length);
    for (int i = 0; i < bands.length; i++) {
      String band = bands[i].strip();
      int colon = band.indexOf(':');
      if (colon < 0 || colon != band.lastIndexOf(':')) {
        throw new IllegalArgumentException(
            "tolerance band " + (i + 1) + " '" + band + "' is not " + FORM);
      }
      String bound = band.substring(0, colon).strip();
      boolean last = i == bands.length - 1;
      if (bound.equals(UNBOUNDED) != last) {
        throw new IllegalArgumentException(
            last
                ? "the last tolerance band '"
                    + band
                    + "' must have the bound '*', so that every net amount has a band"
                : "only the last tolerance band may have the bound '*', not band "
                    + (i + 1)
                    + " '"
                    + band
                    + "'");
      }
      if (!last) {
        BigDecimal upperBound = number(bound, "upper bound", i, band);
        if (!upperBounds.isEmpty()
            && upperBound.compareTo(upperBounds.get(upperBounds.size() - 1)) <= 0) {
          throw new IllegalArgumentException(
              "tolerance band bounds must ascend, but band "
                  + (i + 1)
                  + " '"
                  + band
                  + "' does not exceed "
                  + upperBounds.get(upperBounds.size() - 1).toPlainString());
        }
        upperBounds.add(upperBound);
      }
      minimums.add(number(band.substring(colon + 1).strip(), "minimum percent", i, band));
    }
    return new ToleranceBands(List.copyOf(upperBounds), List.copyOf(minimums));
  }

  private static BigDecimal number(String text, String what, int index, String band) {
    try {
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "the " + what + " of tolerance band " + (index + 1) + " '" + band + "' is not a number",
          e);
    }
  }

  /** The minimum of the first band whose upper bound is at least the exact net amount. */
  public BigDecimal minimumPercentFor(BigDecimal net) {
    for (int i = 0; i < upperBounds.size(); i++) {
      if (net.compareTo(upperBounds.get(i)) <= 0) {
        return minimums.get(i);
      }
    }
    return minimums.get(upperBounds.size());
  }

  /**
   * SPEC §5 and decision 3: {@code Not Applicable} unless the category is Order & Payment Received
   * and the shipment amount is above 0; else {@code Within Tolerance} when the exact payout percent
   * is strictly above its band's minimum ({@code net × 100 > minimum × shipment}, so no rounding
   * can move an order across the line), {@code Tolerance Breached} otherwise.
   *
   * @param shipment the shipment invoice amount, null when absent
   * @param net the net amount, null when absent
   */
  public ToleranceStatus check(Category category, BigDecimal shipment, BigDecimal net) {
    if (category != Category.ORDER_AND_PAYMENT_RECEIVED
        || shipment == null
        || net == null
        || shipment.signum() <= 0) {
      return ToleranceStatus.NOT_APPLICABLE;
    }
    BigDecimal minimum = minimumPercentFor(net);
    return net.multiply(HUNDRED).compareTo(minimum.multiply(shipment)) > 0
        ? ToleranceStatus.WITHIN_TOLERANCE
        : ToleranceStatus.TOLERANCE_BREACHED;
  }

  /** The bands, lowest net amount first, the last one unbounded. */
  public List<Band> bands() {
    List<Band> bands = new ArrayList<>(minimums.size());
    for (int i = 0; i < minimums.size(); i++) {
      bands.add(new Band(i < upperBounds.size() ? upperBounds.get(i) : null, minimums.get(i)));
    }
    return List.copyOf(bands);
  }

  /** The bands in the form {@link #parse} reads. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < minimums.size(); i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(i < upperBounds.size() ? upperBounds.get(i).toPlainString() : UNBOUNDED)
          .append(':')
          .append(minimums.get(i).toPlainString());
    }
    return text.toString();
  }
}
