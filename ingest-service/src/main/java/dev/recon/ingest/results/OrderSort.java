package dev.recon.ingest.results;

import dev.recon.ingest.results.ResultsRepository.OrderRow;
import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A sort order from the API ({@code net_amount,desc} or {@code netAmount}), from a fixed list. Ties
 * are broken by order id in the sort's direction, so that a descending sort is the exact reverse of
 * the ascending one and one index, read either way, serves both (merge-service migration V5).
 */
public record OrderSort(String column, boolean descending) {

  private static final Map<String, String> COLUMNS =
      Map.ofEntries(
          Map.entry("orderid", "order_id"),
          Map.entry("category", "category"),
          Map.entry("tolerancestatus", "tolerance_status"),
          Map.entry("tolerance", "tolerance_status"),
          Map.entry("shipmentinvoiceamount", "shipment_invoice_amount"),
          Map.entry("returninvoiceamount", "return_invoice_amount"),
          Map.entry("netamount", "net_amount"),
          Map.entry("payoutpercent", "payout_percent"),
          Map.entry("mtrlines", "mtr_lines"),
          Map.entry("paymentlines", "payment_lines"),
          Map.entry("fees", "fees"),
          Map.entry("feepercent", "fee_percent"));

  /** The columns that may be null; the others are {@code not null} in the table. */
  private static final Set<String> NULLABLE =
      Set.of(
          "shipment_invoice_amount",
          "return_invoice_amount",
          "net_amount",
          "payout_percent",
          "fees",
          "fee_percent");

  private static final Set<String> INTEGERS = Set.of("mtr_lines", "payment_lines");

  public static final OrderSort BY_ORDER_ID = new OrderSort("order_id", false);

  /** Parses {@code column[,asc|desc]}; null or blank sorts by order id. */
  public static OrderSort parse(String sort) {
    if (sort == null || sort.isBlank()) {
      return BY_ORDER_ID;
    }
    String[] parts = sort.split(",", 2);
    String key = parts[0].toLowerCase(Locale.ROOT).replaceAll("[^a-z]", "");
    String column = COLUMNS.get(key);
    if (column == null) {
      throw new IllegalArgumentException(
          "cannot sort by '"
              + parts[0]
              + "'; use one of order_id, category, tolerance_status,"
              + " shipment_invoice_amount, return_invoice_amount, net_amount, payout_percent,"
              + " mtr_lines, payment_lines, fees, fee_percent");
    }
    boolean descending = parts.length > 1 && parts[1].strip().equalsIgnoreCase("desc");
    return new OrderSort(column, descending);
  }

  /** How the API writes this sort. */
  String text() {
    return column + (descending ? ",desc" : ",asc");
  }

  /** The same orders the other way round: the last one first. */
  OrderSort reversed() {
    return new OrderSort(column, !descending);
  }

  /**
   * Order ids compare by code point (collation C), as in the expected exports. Nulls sort as the
   * smallest values, as they do first in an index declared {@code nulls first}; a column that is
   * never null gets no nulls clause, so that it matches its index declared without one.
   */
  String orderByClause() {
    String direction = descending ? " desc" : " asc";
    String tieBreaker = "order_id collate \"C\"" + direction;
    if (column.equals("order_id")) {
      return " order by " + tieBreaker;
    }
    String nulls = NULLABLE.contains(column) ? (descending ? " nulls last" : " nulls first") : "";
    return " order by " + column + direction + nulls + ", " + tieBreaker;
  }

  /** Where {@code order} stands in this sort: the place a keyset page starts after. */
  OrderPosition positionOf(OrderRow order) {
    Object value =
        switch (column) {
          case "order_id" -> null;
          case "category" -> order.category();
          case "tolerance_status" -> order.toleranceStatus();
          case "shipment_invoice_amount" -> order.shipmentInvoiceAmount();
          case "return_invoice_amount" -> order.returnInvoiceAmount();
          case "net_amount" -> order.netAmount();
          case "payout_percent" -> order.payoutPercent();
          case "mtr_lines" -> order.mtrLines();
          case "payment_lines" -> order.paymentLines();
          case "fees" -> order.breakdown() == null ? null : order.breakdown().fees();
          case "fee_percent" -> order.breakdown() == null ? null : order.breakdown().feePercent();
          default -> throw new IllegalStateException("no column " + column);
        };
    return new OrderPosition(value == null ? null : value.toString(), order.orderId());
  }

  /** Orders that meet {@code conditions}, with their bind parameters. */
  record Range(List<String> conditions, List<Object> parameters) {
    static final Range ALL = new Range(List.of(), List.of());

    Range(String condition, List<Object> parameters) {
      this(List.of(condition), parameters);
    }
  }

  /**
   * The orders after {@code position} in this sort, as ranges that follow each other in it: read
   * each in this order, in {@link #orderByClause()}, until a page is full. Each range is a
   * condition the sort's index answers in its order; a single condition cannot be one where the
   * nulls come before (ascending) or after (descending) the values, so the nulls are a range of
   * their own.
   */
  List<Range> rangesAfter(OrderPosition position) {
    String comparison = descending ? " < " : " > ";
    String id = position.orderId();
    if (column.equals("order_id")) {
      return List.of(new Range("order_id" + comparison + "?", List.of(id)));
    }
    String value = position.value();
    String after = "(" + column + ", order_id)" + comparison + "(cast(? as " + sqlType() + "), ?)";
    if (!NULLABLE.contains(column)) {
      return List.of(new Range(after, List.of(value, id)));
    }
    if (value == null) {
      Range laterNulls =
          new Range(column + " is null and order_id" + comparison + "?", List.of(id));
      return descending
          ? List.of(laterNulls)
          : List.of(laterNulls, new Range(column + " is not null", List.of()));
    }
    Range laterValues = new Range(after, List.of(value, id));
    return descending
        ? List.of(laterValues, new Range(column + " is null", List.of()))
        : List.of(laterValues);
  }

  /** Whether {@code value} can be a sort value of this column in a cursor. */
  boolean acceptsValue(String value) {
    if (column.equals("order_id")) {
      return value == null;
    }
    if (value == null) {
      return NULLABLE.contains(column);
    }
    try {
      switch (sqlType()) {
        case "integer" -> Integer.parseInt(value);
        case "numeric" -> new BigDecimal(value);
        default -> {}
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private String sqlType() {
    if (INTEGERS.contains(column)) {
      return "integer";
    }
    return NULLABLE.contains(column) ? "numeric" : "text";
  }
}
