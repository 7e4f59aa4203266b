package dev.recon.transform.normalise;

import dev.recon.contracts.Line;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.RejectedRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.line.Amounts;
import dev.recon.contracts.line.Dates;
import dev.recon.contracts.line.LineIdentity;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * SPEC §3: turns one raw row into a line, a dropped row or a rejected row. The checks run in the
 * order of decision 2 of the datasets README: the type, then Cancel/Transfer, then the MTR order
 * id, then the amount, so a row is judged by its first problem.
 */
public final class LineNormaliser {

  public static final String MISSING_TYPE = "MISSING_TYPE";
  public static final String MISSING_ORDER_ID = "MISSING_ORDER_ID";
  public static final String MISSING_AMOUNT = "MISSING_AMOUNT";
  public static final String BAD_AMOUNT = "BAD_AMOUNT";

  private static final String CANCEL = "Cancel";
  private static final String TRANSFER = "Transfer";
  private static final String ORDER = "Order";
  private static final String MTR_DATE = "invoicedate";
  private static final String PAYMENT_DATE = "datetime";
  private static final int MAX_QUOTED = 60;

  public Outcome normalise(RawRow row) {
    ReportKind kind = row.kind();
    Map<String, String> values = row.values();
    String type = present(values.get(kind.typeColumn()));
    if (type == null) {
      return reject(
          row,
          MISSING_TYPE,
          kind.typeColumn() + " is empty: without a transaction type the row cannot be classified");
    }
    String typeKey = LineIdentity.typeKey(type);
    boolean mtr = kind == ReportKind.MTR;
    if (mtr && typeKey.equals("cancel")) {
      return new Outcome.Dropped(CANCEL);
    }
    if (!mtr && typeKey.equals("transfer")) {
      return new Outcome.Dropped(TRANSFER);
    }
    String orderId = present(values.get(ReportKind.ORDER_ID));
    if (orderId == null && mtr) {
      return reject(
          row, MISSING_ORDER_ID, ReportKind.ORDER_ID + " is empty: an MTR row needs an order id");
    }
    String amountText = present(values.get(kind.amountColumn()));
    if (amountText == null) {
      return reject(
          row, MISSING_AMOUNT, kind.amountColumn() + " is empty: the row needs an amount");
    }
    Optional<BigDecimal> amount = Amounts.parse(amountText);
    if (amount.isEmpty()) {
      return reject(
          row,
          BAD_AMOUNT,
          kind.amountColumn()
              + " '"
              + shortened(amountText)
              + "' is not an amount (amounts look like 1,234.50, -12 or (12.50))");
    }
    String dateColumn = mtr ? MTR_DATE : PAYMENT_DATE;
    Line line =
        new Line(
            row.lineId(),
            kind,
            orderId == null ? "" : orderId,
            mtr ? mtrTransactionType(typeKey, type) : Line.PAYMENT,
            mtr ? null : paymentType(typeKey, type),
            amount.get(),
            Dates.normalise(present(values.get(dateColumn))),
            row.uploadId(),
            row.fileName(),
            row.rowNumber(),
            details(kind, dateColumn, values),
            mtr ? null : breakdown(kind, values, amount.get()));
    return new Outcome.Kept(line);
  }

  /**
   * SPEC §8.1: the payout components of a payment line, or null when its file has no component
   * column (the gateway then sends none; it sends an empty text for an empty cell of a column the
   * file has). An empty cell is 0; an unreadable one counts as 0 and makes the line inconsistent,
   * never rejected: the total alone decides sections 5-6.
   */
  private static PayoutBreakdown breakdown(
      ReportKind kind, Map<String, String> values, BigDecimal total) {
    List<String> columns = kind.breakdownColumns();
    if (columns.stream().noneMatch(values::containsKey)) {
      return null;
    }
    List<BigDecimal> components = new ArrayList<>(columns.size());
    boolean readable = true;
    for (String column : columns) {
      String text = present(values.get(column));
      if (text == null) {
        components.add(BigDecimal.ZERO);
        continue;
      }
      Optional<BigDecimal> component = Amounts.parse(text);
      readable &= component.isPresent();
      components.add(component.orElse(BigDecimal.ZERO));
    }
    PayoutBreakdown unchecked = new PayoutBreakdown(components, true);
    return new PayoutBreakdown(components, readable && unchecked.total().compareTo(total) == 0);
  }

  private static String mtrTransactionType(String typeKey, String type) {
    return switch (typeKey) {
      case "shipment" -> Line.SHIPMENT;
      case "refund", "freereplacement" -> Line.RETURN;
      default -> type;
    };
  }

  /** Fees and adjustments that belong to an order show as Order lines (SPEC §3). */
  private static String paymentType(String typeKey, String type) {
    return switch (typeKey) {
      case "order",
          "adjustment",
          "ajdustment",
          "fbainventoryfee",
          "fulfilmentfeerefund",
          "fulfillmentfeerefund",
          "servicefee" ->
          ORDER;
      case "refund" -> Line.RETURN;
      default -> type;
    };
  }

  /** The columns read that have no field of their own in {@link Line}. */
  private static Map<String, String> details(
      ReportKind kind, String dateColumn, Map<String, String> values) {
    Map<String, String> details = null;
    for (String column : kind.readColumns()) {
      if (column.equals(dateColumn) || kind.requiredColumns().contains(column)) {
        continue;
      }
      String value = present(values.get(column));
      if (value != null) {
        if (details == null) {
          details = new LinkedHashMap<>();
        }
        details.put(column, kind.isDateColumn(column) ? Dates.normalise(value) : value);
      }
    }
    return details == null ? Map.of() : Collections.unmodifiableMap(details);
  }

  private static Outcome reject(RawRow row, String reason, String message) {
    return new Outcome.Rejected(
        new RejectedRow(
            row.uploadId(),
            row.kind(),
            row.fileName(),
            row.rowNumber(),
            reason,
            message,
            row.values()));
  }

  /** A value quoted in a message stays readable, however long the cell. */
  private static String shortened(String value) {
    if (value.length() <= MAX_QUOTED) {
      return value;
    }
    int end = Character.isHighSurrogate(value.charAt(MAX_QUOTED - 1)) ? MAX_QUOTED - 1 : MAX_QUOTED;
    return value.substring(0, end) + "…";
  }

  /** The stripped text, or null for an absent or blank cell. */
  private static String present(String value) {
    if (value == null) {
      return null;
    }
    String text = value.strip();
    return text.isEmpty() ? null : text;
  }
}
