package dev.recon.contracts;

import java.math.BigDecimal;
import java.util.Map;

/**
 * One normalised MTR or payment line (SPEC §3).
 *
 * @param orderId the trimmed order id; empty for a payment line that is a non-order charge
 * @param transactionType {@code Shipment}, {@code Return}, {@code Payment} or another MTR type kept
 *     under its trimmed name
 * @param paymentType for payment lines {@code Order}, {@code Return} or another type kept under its
 *     trimmed name; null for MTR lines
 * @param amount the invoice amount (MTR) or total (payment)
 * @param date the invoice date (MTR) or date/time (payment): ISO when it was readable, else the
 *     text as given; null when absent
 * @param details the other recognised columns that are not empty (dates in ISO when readable)
 * @param breakdown a payment line's payout components (SPEC §8.1); null for an MTR line and for a
 *     payment line of a file without component columns
 */
public record Line(
    String lineId,
    ReportKind kind,
    String orderId,
    String transactionType,
    String paymentType,
    BigDecimal amount,
    String date,
    long uploadId,
    String fileName,
    int rowNumber,
    Map<String, String> details,
    PayoutBreakdown breakdown)
    implements LineEvent {

  public static final String SHIPMENT = "Shipment";
  public static final String RETURN = "Return";
  public static final String PAYMENT = "Payment";

  public boolean isNonOrderCharge() {
    return orderId.isEmpty();
  }

  public String detail(String column) {
    return details.get(column);
  }
}
