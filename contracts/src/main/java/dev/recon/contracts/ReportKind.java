package dev.recon.contracts;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The two kinds of Amazon report and the columns SPEC §1 recognises in each, by normalised name
 * (lower case, only a-z and 0-9). The order of {@link #recognisedColumns()} is the order in which a
 * line's identity is hashed, so it is part of the contract.
 */
public enum ReportKind {
  MTR(
      "transactiontype",
      "invoiceamount",
      List.of(
          "invoicenumber",
          "invoicedate",
          "shipmentid",
          "shipmentdate",
          "orderdate",
          "shipmentitemid",
          "quantity",
          "itemdescription",
          "sku",
          "asin"),
      Set.of("invoicedate", "shipmentdate", "orderdate"),
      Set.of("quantity")),
  PAYMENT(
      "type",
      "total",
      List.of(
          "datetime",
          "settlementid",
          "sku",
          "description",
          "quantity",
          "productsales",
          "sellingfees",
          "fbafees",
          "othertransactionfees",
          "other"),
      Set.of("datetime"),
      Set.of(
          "quantity", "productsales", "sellingfees", "fbafees", "othertransactionfees", "other"));

  public static final String ORDER_ID = "orderid";

  private final String typeColumn;
  private final String amountColumn;
  private final List<String> requiredColumns;
  private final List<String> recognisedColumns;
  private final Set<String> dateColumns;
  private final Set<String> numericColumns;

  ReportKind(
      String typeColumn,
      String amountColumn,
      List<String> optionalColumns,
      Set<String> dateColumns,
      Set<String> numericColumns) {
    this.typeColumn = typeColumn;
    this.amountColumn = amountColumn;
    this.requiredColumns = List.of(typeColumn, ORDER_ID, amountColumn);
    this.recognisedColumns =
        java.util.stream.Stream.concat(requiredColumns.stream(), optionalColumns.stream()).toList();
    this.dateColumns = dateColumns;
    this.numericColumns = numericColumns;
  }

  /** The column holding the transaction type: {@code transactiontype} or {@code type}. */
  public String typeColumn() {
    return typeColumn;
  }

  /** The column holding the line's amount: {@code invoiceamount} or {@code total}. */
  public String amountColumn() {
    return amountColumn;
  }

  public List<String> requiredColumns() {
    return requiredColumns;
  }

  /** Required columns first, then the optional ones SPEC §1 recognises. */
  public List<String> recognisedColumns() {
    return recognisedColumns;
  }

  public boolean isDateColumn(String column) {
    return dateColumns.contains(column);
  }

  /** Optional columns compared by numeric value in a line's identity (datasets README, 5). */
  public boolean isNumericColumn(String column) {
    return numericColumns.contains(column) || column.equals(amountColumn);
  }

  /** The lower-case name used in URLs, file names and the API: {@code mtr} or {@code payment}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code mtr} or {@code payment} in any case. */
  public static ReportKind fromId(String id) {
    for (ReportKind kind : values()) {
      if (kind.id().equalsIgnoreCase(id.strip())) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown report kind '" + id + "': use mtr or payment");
  }

  /** SPEC §1: lower-case and delete every character that is not a-z or 0-9. */
  public static String normaliseColumnName(String header) {
    StringBuilder name = new StringBuilder(header.length());
    for (int i = 0; i < header.length(); i++) {
      char c = Character.toLowerCase(header.charAt(i));
      if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        name.append(c);
      }
    }
    return name.toString();
  }
}
