package dev.recon.ingest.results;

import java.util.Locale;
import java.util.Map;

/** A sort order from the API ({@code net_amount,desc} or {@code netAmount}), from a fixed list. */
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
          Map.entry("paymentlines", "payment_lines"));

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
              + " mtr_lines, payment_lines");
    }
    boolean descending = parts.length > 1 && parts[1].strip().equalsIgnoreCase("desc");
    return new OrderSort(column, descending);
  }

  /** Order ids compare by code point (collation C), as in the expected exports. */
  String orderByClause() {
    return orderBy(false);
  }

  /** The exact reverse of {@link #orderByClause()}: the last row first. */
  String reversedOrderByClause() {
    return orderBy(true);
  }

  private String orderBy(boolean reversed) {
    boolean down = descending != reversed;
    String direction = down ? " desc" : " asc";
    if (column.equals("order_id")) {
      return " order by order_id collate \"C\"" + direction;
    }
    // Nulls sort as the smallest values either way, so flipping the direction reverses the order.
    String nulls = down ? " nulls last" : " nulls first";
    return " order by "
        + column
        + direction
        + nulls
        + ", order_id collate \"C\""
        + (reversed ? " desc" : " asc");
  }
}
