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
      Set.of("quantity"),
      List.of()),
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
      Set.of("quantity", "productsales", "sellingfees", "fbafees", "othertransactionfees", "other"),
      PayoutBreakdown.COLUMNS);

  public static final String ORDER_ID = "orderid";

  private final String typeColumn;
  private final String amountColumn;
  private final List<String> requiredColumns;
  private final List<String> recognisedColumns;
  private final Set<String> dateColumns;
  private final Set<String> numericColumns;
  private final List<String> breakdownColumns;
  private final List<String> readColumns;

  ReportKind(
      String typeColumn,
      String amountColumn,
      List<String> optionalColumns,
      Set<String> dateColumns,
      Set<String> numericColumns,
      List<String> breakdownColumns) {
    this.typeColumn = typeColumn;
    this.amountColumn = amountColumn;
    this.requiredColumns = List.of(typeColumn, ORDER_ID, amountColumn);
    this.recognisedColumns =
        java.util.stream.Stream.concat(requiredColumns.stream(), optionalColumns.stream()).toList();
    this.dateColumns = dateColumns;
    this.numericColumns = numericColumns;
    this.breakdownColumns = breakdownColumns;
    this.readColumns =
        java.util.stream.Stream.concat(
                recognisedColumns.stream(),
                breakdownColumns.stream().filter(column -> !recognisedColumns.contains(column)))
            .toList();
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

  /**
   * The payout components a report of this kind may carry (SPEC §8.1). Those not recognised before
   * section 8 are read but stay out of the line identity: a file uploaded before and after they
   * were added must not count twice.
   */
  public List<String> breakdownColumns() {
    return breakdownColumns;
  }

  /**
   * Every column a report of this kind is read for: the recognised ones, then the other components.
   */
  public List<String> readColumns() {
    return readColumns;
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
