package dev.recon.ingest.parse.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Large Amazon reports in the column layout of the real ones (see {@code reports/small}), written
 * as a stream so that a file of millions of rows takes no memory to make: an MTR or payment CSV
 * (the payment one with Amazon's quoted preamble), and an MTR XLSX written as Excel writes one,
 * text in the shared string table (a table with several entries per row), dates and amounts as
 * styled numbers. Every row is a data row, none blank, so a reader returns exactly {@code rows}
 * rows. Values are pseudo-random but fixed by the row number.
 *
 * <p>Used by the memory test ({@code LargeReportsIT}) and by the {@code benchmarks} module.
 */
public final class SyntheticReports {

  public static final String MTR_HEADER =
      "Seller Gstin,Invoice Number,Invoice Date,Transaction Type,Order Id ,  Shipment Id ,"
          + "Shipment Date,Order Date,Shipment Item Id,Quantity ,Item Description,Asin, Hsn/sac  ,"
          + "Sku,Bill From State,Ship To City,Ship To State,Ship To Postal Code,Invoice Amount,"
          + "Tax Exclusive Gross,Total Tax Amount,Igst Rate,Igst Tax,Warehouse Id,"
          + "Fulfillment Channel,Payment Method Code";

  static final String[] PAYMENT_PREAMBLE = {
    "Includes Amazon Marketplace, Fulfillment by Amazon (FBA), and Amazon Webstore transactions",
    "All amounts in INR, unless specified",
    "Definitions:",
    "Sales tax collected: Includes sales tax collected from buyers for product sales, shipping,"
        + " and gift wrap.",
    "Selling fees: Includes variable closing fees and referral fees.",
    "Other transaction fees: Includes shipping chargebacks, shipping holdbacks, per-item fees  and"
        + " sales tax collection fees.",
    "Other: Includes non-order transaction amounts. For more details, see the \"Type\" and"
        + " \"Description\" columns for each order ID."
  };

  static final String[] PAYMENT_HEADER = {
    "date/time",
    "settlement id",
    "type",
    "order id",
    " Sku ",
    "description",
    " quantity ",
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
    "Total sales tax liable(GST before adjusting TCS) ",
    "TCS-CGST",
    "TCS-SGST",
    " TCS-IGST ",
    "TDS (Section 194-O)",
    "selling fees",
    "fba fees",
    "other transaction fees",
    "other",
    "total"
  };

  private static final String[] GSTINS = {"33KOCIG2638C1ZS", "29AAKCS1234F1Z5", "07BBFPM9876Q1ZX"};
  private static final String[] WAREHOUSES = {"MAA4", "BLR7", "DEL5", "BOM3", "SLR", ""};
  private static final String[] PRODUCTS = {
    "Lakme Laptop Backpack (White)",
    "Lakme Trolley Bag, Medium (Pink)",
    "Solimo Storage Box & Lid, Set of 3",
    "Celio Cotton T-Shirt (Navy, L)",
    "Prestige Pressure Cooker 5L",
    "Boat Rockerz 450 \"Bluetooth\" Headphones",
    "Milton Thermosteel Flask 1L",
    "Pigeon Non-Stick Tawa <28 cm>",
    "Cello Opalware Dinner Set, 27 Pieces",
    "Wildcraft Rain Cover (Large)",
    "Classmate Notebook, Pack of 6",
    "Philips Trimmer BT1232/15"
  };
  private static final String[] SKUS = {
    "LAK-290-164C", "LAK-210-215C", "SOL-990-006C", "CEL-110-034D", "PRE-500-101A", "BOA-450-777B",
    "MIL-100-321C", "PIG-280-555A", "CEL-270-808D", "WIL-330-909B", "CLA-600-112A", "PHI-123-215C"
  };
  private static final String[] HSNS = {"42021290", "42021210", "39241090", "61091000", "73239390"};
  private static final String[] STATES = {
    "TAMIL NADU", "KERALA", "ASSAM", "KARNATAKA", "MAHARASHTRA", "DELHI", "WEST BENGAL"
  };
  private static final String[] CITIES = {
    "KOCHI", "GUWAHATI", "BENGALURU", "MUMBAI", "NEW DELHI", "KOLKATA", "CHENNAI", "PUNE"
  };
  private static final String[] CHANNELS = {"AFN", "MFN"};
  private static final String[] PAYMENT_METHODS = {"Other", "Wallet", "COD", "CreditCard", "UPI"};
  private static final String[] MONTHS = {
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
  };

  /** 2024-07-01T00:00:00 UTC, the first day of the reports. */
  private static final long FIRST_SECOND = 1_719_792_000L;

  private static final long EXCEL_EPOCH_DAYS = 25_569L;
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  private static final int WRITE_BUFFER = 1 << 16;

  private SyntheticReports() {}

  /** An MTR as a comma-separated file with the header on line 1 and {@code rows} data lines. */
  public static void writeMtrCsv(Path file, int rows) throws IOException {
    try (Writer out = writer(file)) {
      out.write(MTR_HEADER);
      out.write('\n');
      StringBuilder line = new StringBuilder(512);
      for (int i = 0; i < rows; i++) {
        MtrRow row = mtrRow(i);
        line.setLength(0);
        row.appendCsv(line);
        line.append('\n');
        out.append(line);
      }
    }
  }

  /**
   * A payment report as Amazon's CSV: seven quoted preamble lines, then the header on line 8, every
   * value quoted, amounts grouped by thousands ({@code "1,119.00"}).
   */
  public static void writePaymentCsv(Path file, int rows) throws IOException {
    try (Writer out = writer(file)) {
      StringBuilder line = new StringBuilder(512);
      for (String note : PAYMENT_PREAMBLE) {
        line.setLength(0);
        quoted(line, note);
        out.append(line).append('\n');
      }
      line.setLength(0);
      for (int c = 0; c < PAYMENT_HEADER.length; c++) {
        if (c > 0) {
          line.append(',');
        }
        quoted(line, PAYMENT_HEADER[c]);
      }
      out.append(line).append('\n');
      for (int i = 0; i < rows; i++) {
        line.setLength(0);
        paymentLine(i, line);
        out.append(line).append('\n');
      }
    }
  }

  /**
   * An MTR workbook: one sheet, the header on row 1 and {@code rows} data rows after it; each text
   * cell is a shared string (the unique ones, such as order ids, one entry per row), dates are
   * numbers with a date format, amounts numbers with {@code #,##0.00}. Written in one pass: the
   * row-specific shared strings are spooled to a temporary file while the sheet is written.
   *
   * @param compressionLevel a {@link Deflater} level; 1 writes fastest, Excel's own is about 6
   */
  public static void writeMtrXlsx(Path file, int rows, int compressionLevel) throws IOException {
    Path spooled = Files.createTempFile("synthetic-sst-", ".xml");
    try (OutputStream bytes = Files.newOutputStream(file);
        ZipOutputStream zip = new ZipOutputStream(bytes, StandardCharsets.UTF_8)) {
      zip.setLevel(compressionLevel);
      writePackageParts(zip);
      SharedStrings strings = new SharedStrings();
      zip.putNextEntry(new ZipEntry("xl/worksheets/sheet1.xml"));
      try (Writer rowStrings = writer(spooled)) {
        Writer sheet = new BufferedWriter(nonClosing(zip), WRITE_BUFFER);
        writeSheet(sheet, rows, strings, rowStrings);
        sheet.flush();
      }
      zip.closeEntry();
      zip.putNextEntry(new ZipEntry("xl/sharedStrings.xml"));
      Writer table = new BufferedWriter(nonClosing(zip), WRITE_BUFFER);
      table.write(
          "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<sst xmlns=\""
              + MAIN_NS
              + "\" count=\""
              + strings.count
              + "\" uniqueCount=\""
              + strings.count
              + "\">");
      for (String text : strings.vocabulary) {
        table.write(sharedStringItem(text));
      }
      table.flush();
      Files.copy(spooled, zip);
      table.write("</sst>");
      table.flush();
      zip.closeEntry();
    } finally {
      Files.deleteIfExists(spooled);
    }
  }

  private static final String MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  private static final String REL_NS =
      "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  private static final String XML_DECLARATION =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

  private static void writePackageParts(ZipOutputStream zip) throws IOException {
    part(
        zip,
        "[Content_Types].xml",
        XML_DECLARATION
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package"
            + ".relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd"
            + ".openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
            + "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd"
            + ".openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
            + "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd"
            + ".openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd"
            + ".openxmlformats-officedocument.spreadsheetml.styles+xml\"/></Types>");
    part(
        zip,
        "_rels/.rels",
        XML_DECLARATION
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships"
            + "\"><Relationship Id=\"rId1\" Type=\""
            + REL_NS
            + "/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
    part(
        zip,
        "xl/workbook.xml",
        XML_DECLARATION
            + "<workbook xmlns=\""
            + MAIN_NS
            + "\" xmlns:r=\""
            + REL_NS
            + "\"><workbookPr/><sheets><sheet name=\"MTR\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
            + "</workbook>");
    part(
        zip,
        "xl/_rels/workbook.xml.rels",
        XML_DECLARATION
            + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships"
            + "\"><Relationship Id=\"rId1\" Type=\""
            + REL_NS
            + "/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\""
            + REL_NS
            + "/sharedStrings\" Target=\"sharedStrings.xml\"/><Relationship Id=\"rId3\" Type=\""
            + REL_NS
            + "/styles\" Target=\"styles.xml\"/></Relationships>");
    // Style 1: a custom date-time format; style 2: built-in 4 (#,##0.00), as in reports/small.
    part(
        zip,
        "xl/styles.xml",
        XML_DECLARATION
            + "<styleSheet xmlns=\""
            + MAIN_NS
            + "\"><numFmts count=\"1\"><numFmt numFmtId=\"164\" formatCode=\"yyyy-mm-dd"
            + " hh:mm:ss\"/></numFmts><fonts count=\"1\"><font><sz val=\"11\"/><name"
            + " val=\"Calibri\"/></font></fonts><fills count=\"2\"><fill><patternFill"
            + " patternType=\"none\"/></fill><fill><patternFill patternType=\"gray125\"/></fill>"
            + "</fills><borders count=\"1\"><border><left/><right/><top/><bottom/><diagonal/>"
            + "</border></borders><cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\""
            + " fillId=\"0\" borderId=\"0\"/></cellStyleXfs><cellXfs count=\"3\"><xf"
            + " numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\"/><xf"
            + " numFmtId=\"164\" fontId=\"0\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
            + " applyNumberFormat=\"1\"/><xf numFmtId=\"4\" fontId=\"0\" fillId=\"0\""
            + " borderId=\"0\" xfId=\"0\" applyNumberFormat=\"1\"/></cellXfs><cellStyles"
            + " count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
            + "</styleSheet>");
  }

  private static void part(ZipOutputStream zip, String name, String xml) throws IOException {
    zip.putNextEntry(new ZipEntry(name));
    zip.write(xml.getBytes(StandardCharsets.UTF_8));
    zip.closeEntry();
  }

  /**
   * Shared strings: a fixed vocabulary (header cells and repeated values) first, then the strings
   * of each row that are unique to it, numbered as they come.
   */
  private static final class SharedStrings {
    final String[] vocabulary;
    final java.util.Map<String, Integer> indexOfVocabulary = new java.util.HashMap<>();
    int count;

    SharedStrings() {
      java.util.List<String> words = new java.util.ArrayList<>();
      words.addAll(java.util.List.of(MTR_HEADER.split(",", -1)));
      for (String[] list :
          new String[][] {
            GSTINS,
            WAREHOUSES,
            PRODUCTS,
            SKUS,
            HSNS,
            STATES,
            CITIES,
            CHANNELS,
            PAYMENT_METHODS,
            MTR_TYPES
          }) {
        for (String word : list) {
          if (!word.isEmpty() && !words.contains(word)) {
            words.add(word);
          }
        }
      }
      vocabulary = words.toArray(String[]::new);
      for (int i = 0; i < vocabulary.length; i++) {
        indexOfVocabulary.putIfAbsent(vocabulary[i], i);
      }
      count = vocabulary.length;
    }

    int vocabularyIndex(String word) {
      Integer index = indexOfVocabulary.get(word);
      if (index == null) {
        throw new IllegalArgumentException("not in the vocabulary: " + word);
      }
      return index;
    }
  }

  private static String sharedStringItem(String text) {
    StringBuilder item = new StringBuilder("<si><t");
    if (!text.equals(text.strip())) {
      item.append(" xml:space=\"preserve\"");
    }
    item.append('>');
    escapeXml(item, text);
    return item.append("</t></si>").toString();
  }

  private static void writeSheet(Writer sheet, int rows, SharedStrings strings, Writer rowStrings)
      throws IOException {
    sheet.write(XML_DECLARATION);
    sheet.write(
        "<worksheet xmlns=\""
            + MAIN_NS
            + "\" xmlns:r=\""
            + REL_NS
            + "\"><dimension ref=\"A1:Z"
            + (rows + 1)
            + "\"/><sheetData>");
    StringBuilder xml = new StringBuilder(4096);
    String[] header = MTR_HEADER.split(",", -1);
    xml.append("<row r=\"1\">");
    for (int c = 0; c < header.length; c++) {
      sharedCell(xml, c, 1, strings.vocabularyIndex(header[c]));
    }
    xml.append("</row>");
    sheet.append(xml);
    StringBuilder unique = new StringBuilder(256);
    for (int i = 0; i < rows; i++) {
      MtrRow row = mtrRow(i);
      int r = i + 2;
      xml.setLength(0);
      unique.setLength(0);
      xml.append("<row r=\"").append(r).append("\" spans=\"1:26\">");
      sharedCell(xml, 0, r, strings.vocabularyIndex(row.gstin));
      sharedCell(xml, 1, r, strings.count++);
      unique.append(sharedStringItem(row.invoiceNumber));
      dateCell(xml, 2, r, row.invoiceSecond);
      sharedCell(xml, 3, r, strings.vocabularyIndex(row.type));
      sharedCell(xml, 4, r, strings.count++);
      unique.append(sharedStringItem(row.orderId));
      sharedCell(xml, 5, r, strings.count++);
      unique.append(sharedStringItem(row.shipmentId));
      dateCell(xml, 6, r, row.invoiceSecond);
      dateCell(xml, 7, r, row.orderSecond);
      numberCell(xml, 8, r, Long.toString(row.shipmentItemId), 0);
      numberCell(xml, 9, r, Integer.toString(row.quantity), 0);
      sharedCell(xml, 10, r, strings.vocabularyIndex(PRODUCTS[row.product]));
      sharedCell(xml, 11, r, strings.count++);
      unique.append(sharedStringItem(row.asin));
      numberCell(xml, 12, r, HSNS[row.product % HSNS.length], 0);
      sharedCell(xml, 13, r, strings.vocabularyIndex(SKUS[row.product]));
      sharedCell(xml, 14, r, strings.vocabularyIndex(row.fromState));
      sharedCell(xml, 15, r, strings.vocabularyIndex(row.city));
      sharedCell(xml, 16, r, strings.vocabularyIndex(row.toState));
      numberCell(xml, 17, r, Integer.toString(row.postalCode), 0);
      numberCell(xml, 18, r, plainCents(row.invoiceCents), 2);
      numberCell(xml, 19, r, plainCents(row.grossCents), 2);
      numberCell(xml, 20, r, plainCents(row.taxCents()), 2);
      numberCell(xml, 21, r, "0.18", 0);
      numberCell(xml, 22, r, plainCents(row.taxCents()), 2);
      if (!row.warehouse.isEmpty()) {
        sharedCell(xml, 23, r, strings.vocabularyIndex(row.warehouse));
      }
      sharedCell(xml, 24, r, strings.vocabularyIndex(row.channel));
      sharedCell(xml, 25, r, strings.vocabularyIndex(row.paymentMethod));
      xml.append("</row>");
      sheet.append(xml);
      rowStrings.append(unique);
    }
    sheet.write("</sheetData></worksheet>");
  }

  private static void reference(StringBuilder xml, int column, int row) {
    xml.append("<c r=\"");
    if (column >= 26) {
      xml.append((char) ('A' + column / 26 - 1));
    }
    xml.append((char) ('A' + column % 26)).append(row).append('"');
  }

  private static void sharedCell(StringBuilder xml, int column, int row, int index) {
    reference(xml, column, row);
    xml.append(" t=\"s\"><v>").append(index).append("</v></c>");
  }

  private static void numberCell(StringBuilder xml, int column, int row, String value, int style) {
    reference(xml, column, row);
    if (style != 0) {
      xml.append(" s=\"").append(style).append('"');
    }
    xml.append("><v>").append(value).append("</v></c>");
  }

  private static void dateCell(StringBuilder xml, int column, int row, long epochSecond) {
    double serial = EXCEL_EPOCH_DAYS + epochSecond / 86_400.0;
    numberCell(xml, column, row, Double.toString(serial), 1);
  }

  private static final String[] MTR_TYPES = {"Shipment", "Refund", "Cancel", "FreeReplacement"};

  /** One MTR line's values. */
  private static final class MtrRow {
    String gstin;
    String invoiceNumber;
    long invoiceSecond;
    long orderSecond;
    String type;
    String orderId;
    String shipmentId;
    long shipmentItemId;
    int quantity;
    int product;
    String asin;
    String fromState;
    String city;
    String toState;
    int postalCode;
    long invoiceCents;
    long grossCents;
    String warehouse;
    String channel;
    String paymentMethod;

    long taxCents() {
      return invoiceCents - grossCents;
    }

    void appendCsv(StringBuilder line) {
      line.append(gstin).append(',');
      line.append(invoiceNumber).append(',');
      isoDateTime(line, invoiceSecond);
      line.append(',').append(type).append(',');
      line.append(orderId).append(',');
      line.append(shipmentId).append(',');
      isoDateTime(line, invoiceSecond);
      line.append(',');
      isoDateTime(line, orderSecond);
      line.append(',').append(shipmentItemId).append(',');
      line.append(quantity).append(',');
      csvValue(line, PRODUCTS[product]);
      line.append(',').append(asin).append(',');
      line.append(HSNS[product % HSNS.length]).append(',');
      line.append(SKUS[product]).append(',');
      line.append(fromState).append(',').append(city).append(',').append(toState).append(',');
      line.append(postalCode).append(',');
      line.append(cents(invoiceCents)).append(',');
      line.append(cents(grossCents)).append(',');
      line.append(cents(taxCents())).append(',');
      line.append("0.18,");
      line.append(cents(taxCents())).append(',');
      line.append(warehouse).append(',').append(channel).append(',').append(paymentMethod);
    }
  }

  private static MtrRow mtrRow(int i) {
    SplittableRandom random = new SplittableRandom(0x5EED_0000L + i);
    MtrRow row = new MtrRow();
    row.gstin = GSTINS[random.nextInt(GSTINS.length)];
    row.warehouse = WAREHOUSES[random.nextInt(WAREHOUSES.length)];
    row.invoiceNumber = (row.warehouse.isEmpty() ? "SLR" : row.warehouse) + "-" + (100_000 + i);
    row.invoiceSecond = FIRST_SECOND + i * 13L + random.nextInt(13);
    row.orderSecond = row.invoiceSecond - random.nextInt(3 * 86_400);
    int kind = random.nextInt(100);
    row.type = MTR_TYPES[kind < 85 ? 0 : kind < 93 ? 1 : kind < 98 ? 2 : 3];
    row.orderId = orderId(random);
    row.shipmentId = alphanumeric(random, 9);
    row.shipmentItemId = 10_000_000_000_000L + random.nextLong(89_999_999_999_999L);
    row.quantity = 1 + random.nextInt(3);
    row.product = random.nextInt(PRODUCTS.length);
    row.asin = "B0" + alphanumeric(random, 8).toUpperCase(java.util.Locale.ROOT);
    row.fromState = STATES[random.nextInt(STATES.length)];
    row.city = CITIES[random.nextInt(CITIES.length)];
    row.toState = STATES[random.nextInt(STATES.length)];
    row.postalCode = 110_000 + random.nextInt(740_000);
    row.invoiceCents = (99 + random.nextInt(9_900)) * 100L + (random.nextBoolean() ? 0 : 50);
    row.grossCents = Math.round(row.invoiceCents / 1.18);
    row.channel = CHANNELS[random.nextInt(CHANNELS.length)];
    row.paymentMethod = PAYMENT_METHODS[random.nextInt(PAYMENT_METHODS.length)];
    return row;
  }

  private static void paymentLine(int i, StringBuilder line) {
    SplittableRandom random = new SplittableRandom(0xBEEF_0000L + i);
    long second = FIRST_SECOND + i * 11L + random.nextInt(11);
    int kind = random.nextInt(100);
    String type =
        kind < 80
            ? "Order"
            : kind < 88
                ? "Refund"
                : kind < 92
                    ? "Service Fee"
                    : kind < 95 ? "FBA Inventory Fee" : kind < 98 ? "Adjustment" : "Transfer";
    boolean order = kind < 88;
    int product = random.nextInt(PRODUCTS.length);
    long sales = order ? (99 + random.nextInt(9_900)) * 100L : 0;
    long sellingFees = -sales / 10;
    long fbaFees = order ? 0 : -(500 + random.nextInt(20_000));
    long other = kind >= 95 && kind < 98 ? random.nextInt(40_000) : 0;
    long total = (type.equals("Refund") ? -sales : sales + sellingFees) + fbaFees + other;
    String[] values = {
      amazonDateTime(second),
      Long.toString(10_000_000_000L + i / 5_000),
      type,
      type.equals("Transfer") || type.equals("Service Fee") ? "" : orderId(random),
      order ? SKUS[product] : "",
      order ? PRODUCTS[product] : "FBA Removal Order: Return Fee",
      Integer.toString(1 + random.nextInt(3)),
      "amazon.in",
      "Standard Orders",
      random.nextBoolean() ? "Amazon" : "Seller",
      CITIES[random.nextInt(CITIES.length)],
      STATES[random.nextInt(STATES.length)],
      Integer.toString(110_000 + random.nextInt(740_000)),
      groupedCents(sales),
      "0",
      "0",
      "0",
      groupedCents(sales * 18 / 118),
      "0",
      "0",
      groupedCents(-sales / 100),
      groupedCents(-sales / 100),
      groupedCents(sellingFees),
      groupedCents(fbaFees),
      "0",
      groupedCents(other),
      groupedCents(total)
    };
    for (int c = 0; c < values.length; c++) {
      if (c > 0) {
        line.append(',');
      }
      quoted(line, values[c]);
    }
  }

  private static String orderId(SplittableRandom random) {
    StringBuilder id = new StringBuilder(19);
    id.append(400 + random.nextInt(10)).append('-');
    id.append(1_000_000 + random.nextInt(9_000_000)).append('-');
    id.append(1_000_000 + random.nextInt(9_000_000));
    return id.toString();
  }

  private static String alphanumeric(SplittableRandom random, int length) {
    char[] chars = new char[length];
    for (int i = 0; i < length; i++) {
      chars[i] = ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length()));
    }
    return new String(chars);
  }

  /** {@code 2024-07-01 08:50:25}, as the MTR CSV writes date-times. */
  private static void isoDateTime(StringBuilder out, long epochSecond) {
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
    out.append(t.getYear()).append('-');
    twoDigits(out, t.getMonthValue()).append('-');
    twoDigits(out, t.getDayOfMonth()).append(' ');
    twoDigits(out, t.getHour()).append(':');
    twoDigits(out, t.getMinute()).append(':');
    twoDigits(out, t.getSecond());
  }

  /** {@code 7 Jul 2024 12:38:58 am UTC}, as the payment CSV writes date-times. */
  private static String amazonDateTime(long epochSecond) {
    java.time.LocalDateTime t =
        java.time.LocalDateTime.ofEpochSecond(epochSecond, 0, java.time.ZoneOffset.UTC);
    StringBuilder out = new StringBuilder(28);
    out.append(t.getDayOfMonth()).append(' ').append(MONTHS[t.getMonthValue() - 1]).append(' ');
    out.append(t.getYear()).append(' ');
    int hour = t.getHour() % 12;
    out.append(hour == 0 ? 12 : hour).append(':');
    twoDigits(out, t.getMinute()).append(':');
    twoDigits(out, t.getSecond());
    return out.append(t.getHour() < 12 ? " am UTC" : " pm UTC").toString();
  }

  private static StringBuilder twoDigits(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    return out.append(value);
  }

  /** {@code 1119.00} */
  private static String cents(long cents) {
    long whole = Math.abs(cents) / 100;
    long fraction = Math.abs(cents) % 100;
    return (cents < 0 ? "-" : "") + whole + "." + (fraction < 10 ? "0" : "") + fraction;
  }

  /** {@code 1,119.00} */
  private static String groupedCents(long cents) {
    if (cents == 0) {
      return "0";
    }
    String plain = cents(Math.abs(cents));
    StringBuilder grouped = new StringBuilder(plain);
    for (int at = plain.indexOf('.') - 3; at > 0; at -= 3) {
      grouped.insert(at, ',');
    }
    return (cents < 0 ? "-" : "") + grouped;
  }

  /** The shortest decimal of an amount in cents, as a spreadsheet writes the number: 1119.5 */
  private static String plainCents(long cents) {
    return java.math.BigDecimal.valueOf(cents, 2).stripTrailingZeros().toPlainString();
  }

  private static void csvValue(StringBuilder line, String value) {
    if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0) {
      quoted(line, value);
    } else {
      line.append(value);
    }
  }

  private static void quoted(StringBuilder line, String value) {
    line.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        line.append('"');
      }
      line.append(c);
    }
    line.append('"');
  }

  private static void escapeXml(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        default -> out.append(c);
      }
    }
  }

  private static Writer writer(Path file) throws IOException {
    return new BufferedWriter(
        new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), WRITE_BUFFER);
  }

  /** The zip stream, left open when the writer over one of its entries is done. */
  private static OutputStreamWriter nonClosing(ZipOutputStream zip) {
    return new OutputStreamWriter(
        new java.io.FilterOutputStream(zip) {
          @Override
          public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
          }

          @Override
          public void close() throws IOException {
            flush();
          }
        },
        StandardCharsets.UTF_8);
  }
}
