package dev.recon.stack.bench;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The two Amazon India reports as {@code shared/tools/gen_reports.py} writes them: their columns,
 * which columns hold amounts (paise, as {@link Long}) and dates (seconds since 1970, as {@link
 * Long}), and how the CSV of each spells them. Every other cell is a {@link String}.
 */
enum ReportLayout {
  MTR(
      "mtr",
      "MTR",
      List.of(
          "Seller Gstin",
          "Invoice Number",
          "Invoice Date",
          "Transaction Type",
          "Order Id",
          "Shipment Id",
          "Shipment Date",
          "Order Date",
          "Shipment Item Id",
          "Quantity",
          "Item Description",
          "Asin",
          "Hsn/sac",
          "Sku",
          "Bill From State",
          "Ship To City",
          "Ship To State",
          "Ship To Postal Code",
          "Invoice Amount",
          "Tax Exclusive Gross",
          "Total Tax Amount",
          "Igst Rate",
          "Igst Tax",
          "Warehouse Id",
          "Fulfillment Channel",
          "Payment Method Code"),
      new int[] {18, 19, 20, 22},
      new int[] {2, 6, 7},
      List.of(),
      false),
  PAYMENT(
      "payment",
      "Transactions",
      List.of(
          "date/time",
          "settlement id",
          "type",
          "order id",
          "Sku",
          "description",
          "quantity",
          "marketplace",
          "account type",
          "fulfillment",
          "order city",
          "order state",
          "order postal",
          "product sales",
          "shipping credits",
          "gift wrap credits",
          "promotional rebates",
          "Total sales tax liable(GST before adjusting TCS)",
          "TCS-CGST",
          "TCS-SGST",
          "TCS-IGST",
          "TDS (Section 194-O)",
          "selling fees",
          "fba fees",
          "other transaction fees",
          "other",
          "total"),
      new int[] {13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26},
      new int[] {0},
      List.of(
          "Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore"
              + " transactions",
          "All amounts in INR, unless specified",
          "Definitions:",
          "Sales tax collected: Includes sales tax collected from buyers for product sales,"
              + " shipping, and gift wrap.",
          "Selling fees: Includes variable closing fees and referral fees.",
          "Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item"
              + " fees  and sales tax collection fees.",
          "Other: Includes non-order transaction amounts. For more details, see the \"Type\" and"
              + " \"Description\" columns for each order ID."),
      true);

  static final int MTR_TYPE = 3;
  static final int MTR_ORDER_ID = 4;
  static final int MTR_INVOICE_AMOUNT = 18;
  static final int PAY_TYPE = 2;
  static final int PAY_ORDER_ID = 3;
  static final int PAY_DESCRIPTION = 5;
  static final int PAY_SELLING_FEES = 22;
  static final int PAY_TOTAL = 26;

  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };
  private static final long DAY = 86_400;
  private static final long EXCEL_EPOCH_DAYS = 25_569;

  private final String fileStem;
  private final String sheetName;
  private final List<String> columns;
  private final boolean[] amount;
  private final boolean[] date;
  private final List<String> csvPreamble;
  private final boolean paymentStyle;

  ReportLayout(
      String fileStem,
      String sheetName,
      List<String> columns,
      int[] amountColumns,
      int[] dateColumns,
      List<String> csvPreamble,
      boolean paymentStyle) {
    this.fileStem = fileStem;
    this.sheetName = sheetName;
    this.columns = columns;
    this.amount = new boolean[columns.size()];
    this.date = new boolean[columns.size()];
    for (int i : amountColumns) {
      amount[i] = true;
    }
    for (int i : dateColumns) {
      date[i] = true;
    }
    this.csvPreamble = csvPreamble;
    this.paymentStyle = paymentStyle;
  }

  /** {@code mtr} or {@code payment}: the file name stem, which also tells the gateway the kind. */
  String fileStem() {
    return fileStem;
  }

  String sheetName() {
    return sheetName;
  }

  List<String> columns() {
    return columns;
  }

  boolean isAmount(int column) {
    return amount[column];
  }

  boolean isDate(int column) {
    return date[column];
  }

  /** Amazon's quoted notes above the payment CSV's header. */
  List<String> csvPreamble() {
    return csvPreamble;
  }

  /** The payment report quotes every CSV field; the MTR only those that need it. */
  boolean csvQuotesAll() {
    return paymentStyle;
  }

  /** MTR {@code 1299.00}; payment {@code 1,299.00}, and a bare {@code 0} for nothing. */
  String csvAmount(long paise) {
    if (paymentStyle && paise == 0) {
      return "0";
    }
    // by hand rather than through BigDecimal: a payment row has 14 amounts
    StringBuilder text = new StringBuilder(16);
    if (paise < 0) {
      text.append('-');
    }
    long abs = Math.abs(paise);
    String rupees = Long.toString(abs / 100);
    if (!paymentStyle) {
      text.append(rupees);
    } else {
      for (int i = 0; i < rupees.length(); i++) {
        if (i > 0 && (rupees.length() - i) % 3 == 0) {
          text.append(',');
        }
        text.append(rupees.charAt(i));
      }
    }
    return twoDigits(text.append('.'), (int) (abs % 100)).toString();
  }

  /** MTR {@code 2024-07-01 14:05:09}; payment {@code 1 Jul 2024 2:05:09 pm UTC}. */
  String csvDate(long epochSeconds) {
    // by hand rather than String.format: a million-order file has millions of dates
    LocalDateTime t = LocalDateTime.ofEpochSecond(epochSeconds, 0, ZoneOffset.UTC);
    StringBuilder text = new StringBuilder(28);
    if (!paymentStyle) {
      text.append(t.getYear()).append('-');
      twoDigits(text, t.getMonthValue()).append('-');
      twoDigits(text, t.getDayOfMonth()).append(' ');
      twoDigits(text, t.getHour()).append(':');
      twoDigits(text, t.getMinute()).append(':');
      return twoDigits(text, t.getSecond()).toString();
    }
    int hour12 = t.getHour() % 12 == 0 ? 12 : t.getHour() % 12;
    text.append(t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    text.append(t.getYear()).append(' ').append(hour12).append(':');
    twoDigits(text, t.getMinute()).append(':');
    twoDigits(text, t.getSecond());
    return text.append(t.getHour() < 12 ? " am UTC" : " pm UTC").toString();
  }

  private static StringBuilder twoDigits(StringBuilder text, int value) {
    return text.append((char) ('0' + value / 10)).append((char) ('0' + value % 10));
  }

  /** The shortest decimal of an amount for an XLSX number cell: {@code 1299.5}, {@code 12}. */
  static String xlsxAmount(long paise) {
    return BigDecimal.valueOf(paise, 2).stripTrailingZeros().toPlainString();
  }

  /** An Excel serial date-time (days since 1899-12-30, the time as the fraction). */
  static String xlsxDate(long epochSeconds) {
    return Double.toString(EXCEL_EPOCH_DAYS + epochSeconds / (double) DAY);
  }
}
