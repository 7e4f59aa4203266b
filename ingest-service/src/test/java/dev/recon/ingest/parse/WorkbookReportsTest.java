package dev.recon.ingest.parse;

import static dev.recon.ingest.parse.TestReports.READER;
import static dev.recon.ingest.parse.TestReports.fixture;
import static dev.recon.ingest.parse.TestReports.readAll;
import static dev.recon.ingest.parse.TestReports.rejection;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import dev.recon.contracts.ReportKind;
import dev.recon.contracts.line.Dates;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XLSX and XLS: cell values rather than displayed text, sheet rows, and broken workbooks. */
class WorkbookReportsTest {

  private static final DateTimeFormatter AMAZON_PAYMENT_DATE_TIME =
      new DateTimeFormatterBuilder()
          .parseCaseInsensitive()
          .appendPattern("d MMM uuuu h:mm:ss a")
          .toFormatter(Locale.ENGLISH);

  private static final Pattern PLAIN_AMOUNT = Pattern.compile("[-+]?[0-9][0-9,]*(\\.[0-9]+)?");

  @TempDir Path directory;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"mtr", "payment"})
  void theXlsxTwinOfACsvGivesTheSameRowsOnceAmountsAndDatesAreNormalised(String name)
      throws Exception {
    List<ReportRow> csv = readAll(fixture("small/" + name + ".csv"), name + ".csv", null);
    List<ReportRow> xlsx = readAll(fixture("small/" + name + ".xlsx"), name + ".xlsx", null);

    assertThat(csv).hasSize(name.equals("mtr") ? 376 : 369);
    assertThat(xlsx).hasSameSizeAs(csv);
    ReportKind kind = ReportKind.fromId(name);
    for (int i = 0; i < csv.size(); i++) {
      ReportRow fromCsv = csv.get(i);
      ReportRow fromXlsx = xlsx.get(i);
      assertThat(fromXlsx.rowNumber()).isEqualTo(fromCsv.rowNumber());
      assertThat(fromXlsx.values().keySet()).isEqualTo(fromCsv.values().keySet());
      for (Map.Entry<String, String> cell : fromCsv.values().entrySet()) {
        String column = cell.getKey();
        assertThat(normalised(kind, column, fromXlsx.values().get(column)))
            .as("row %d, %s", fromCsv.rowNumber(), column)
            .isEqualTo(normalised(kind, column, cell.getValue()));
      }
    }
  }

  /**
   * Plain numbers compare by value (the CSV twins group thousands: {@code 1,119.00}), date-times by
   * their ISO form (the CSV twins write them as {@code 2024-07-01 08:50:25} or {@code 1 Jul 2024
   * 3:14:53 pm UTC}); other text as it is.
   */
  private static String normalised(ReportKind kind, String column, String value) {
    if (kind.isDateColumn(column)) {
      if (value.endsWith(" UTC")) {
        String wallClock = value.substring(0, value.length() - " UTC".length());
        return Dates.format(LocalDateTime.parse(wallClock, AMAZON_PAYMENT_DATE_TIME));
      }
      return value.replace(' ', 'T');
    }
    if (PLAIN_AMOUNT.matcher(value).matches()) {
      return new BigDecimal(value.replace(",", "")).stripTrailingZeros().toPlainString();
    }
    return value;
  }

  @Test
  void xlsxCellsAreReadAsValuesNotAsDisplayedText() throws Exception {
    Path file = directory.resolve("payment.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      writeTypedCells(workbook);
      write(workbook, file);
    }

    try (ReportFile report = READER.open(file, "payment.xlsx", null)) {
      assertThat(report.format()).isEqualTo("xlsx");
      assertTypedCells(report);
    }
  }

  @Test
  void xlsWorkbooksFollowTheSameCellRules() throws Exception {
    Path file = directory.resolve("payment.xls");
    try (HSSFWorkbook workbook = new HSSFWorkbook()) {
      writeTypedCells(workbook);
      write(workbook, file);
    }

    try (ReportFile report = READER.open(file, "payment.xls", null)) {
      assertThat(report.format()).isEqualTo("xls");
      assertTypedCells(report);
    }
  }

  @Test
  void inlineStringsOfAStreamedWorkbookAndItsEmptyRowsAreRead() throws Exception {
    Path file = directory.resolve("mtr.xlsx");
    try (SXSSFWorkbook workbook = new SXSSFWorkbook()) {
      Sheet sheet = workbook.createSheet();
      text(sheet.createRow(0), "Transaction Type", "Order Id", "Invoice Amount");
      for (int r = 1; r <= 2_000; r++) {
        Row row = sheet.createRow(r * 2);
        text(row, "Shipment", "402-" + r);
        row.createCell(2).setCellValue(r + 0.25);
      }
      write(workbook, file);
      workbook.dispose();
    }
    assertThat(new String(TestZips.entries(file).get("xl/worksheets/sheet1.xml"), UTF_8))
        .contains("t=\"inlineStr\"");

    List<ReportRow> rows = readAll(file, "mtr.xlsx", null);

    assertThat(rows).hasSize(2_000);
    assertThat(rows.get(0).rowNumber()).isEqualTo(3);
    assertThat(rows.get(1999).rowNumber()).isEqualTo(4001);
    assertThat(rows.get(1999).values())
        .containsOnly(
            entry("transactiontype", "Shipment"),
            entry("orderid", "402-2000"),
            entry("invoiceamount", "2000.25"));
  }

  @Test
  void datesOfA1904WorkbookAreReadInItsOwnDateSystem() throws Exception {
    Path file = directory.resolve("payment.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      workbook.getCTWorkbook().addNewWorkbookPr().setDate1904(true);
      Sheet sheet = workbook.createSheet();
      text(sheet.createRow(0), "date/time", "type", "order id", "total");
      Row row = sheet.createRow(1);
      row.createCell(0).setCellValue(LocalDateTime.of(2024, 1, 5, 10, 15));
      row.getCell(0).setCellStyle(style(workbook, "yyyy-mm-dd hh:mm"));
      text(row, null, "Order", "402-1", "1");
      write(workbook, file);
    }

    assertThat(readAll(file, "payment.xlsx", null).get(0).values())
        .containsEntry("datetime", "2024-01-05T10:15:00");
  }

  @Test
  void formattedEmptyCellsFarToTheRightDoNotCountAsColumns() throws Exception {
    Path file = directory.resolve("mtr.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet();
      text(sheet.createRow(0), "Transaction Type", "Order Id", "Invoice Amount");
      Row row = sheet.createRow(1);
      text(row, "Shipment", "402-1", "5");
      row.createCell(16_000).setCellStyle(style(workbook, "0.00"));
      write(workbook, file);
    }

    assertThat(readAll(file, "mtr.xlsx", null)).hasSize(1);
  }

  /**
   * Excel allows cells up to column XFD; the column limit bounds how many cells hold values, so a
   * note typed far to the right (in the header row as well as a data row) leaves a normal report.
   */
  @Test
  void aValueInTheLastColumnExcelAllowsIsStillANormalReport() throws Exception {
    int columnXfd = 16_383;
    Path file = directory.resolve("mtr.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet();
      Row header = sheet.createRow(0);
      text(header, "Transaction Type", "Order Id", "Invoice Amount");
      header.createCell(columnXfd).setCellValue("checked by");
      text(sheet.createRow(1), "Shipment", "402-1", "5");
      Row noted = sheet.createRow(2);
      text(noted, "Refund", "402-1", "-5");
      noted.createCell(columnXfd).setCellValue("asked seller support");
      write(workbook, file);
    }

    List<ReportRow> rows = readAll(file, "mtr.xlsx", null);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(2, 3);
    assertThat(rows.get(1).values())
        .containsOnly(
            entry("transactiontype", "Refund"),
            entry("orderid", "402-1"),
            entry("invoiceamount", "-5"));
  }

  /** A reference past XFD comes from no Excel, and would make a row as wide as it says. */
  @Test
  void aCellPastTheLastColumnExcelAllowsIsRefusedAsCorrupt() throws Exception {
    Path sound = directory.resolve("sound.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet();
      text(sheet.createRow(0), "Transaction Type", "Order Id", "Invoice Amount");
      Row row = sheet.createRow(1);
      text(row, "Shipment", "402-1", "5");
      row.createCell(16_383).setCellValue("note");
      write(workbook, sound);
    }
    Path pastXfd = directory.resolve("past.xlsx");
    TestZips.rewrite(
        sound,
        "xl/worksheets/sheet1.xml",
        xml -> xml.replace("r=\"XFD2\"", "r=\"ZZZZZ2\""),
        pastXfd);

    assertThat(rejection(pastXfd, "mtr.xlsx", null).reason())
        .isEqualTo(
            "FILE_CORRUPT_WORKBOOK: mtr.xlsx: row 2 has a cell in column 12356630, past XFD"
                + " (16384), the last column Excel allows; save it again from Excel as XLSX or"
                + " XLS, or export it as CSV");
  }

  @Test
  void workbookRowsOverTheLimitsAreRefusedNamingTheSheetRow() throws Exception {
    ParseLimits defaults = ParseLimits.defaults();
    ReportReader strict =
        new ReportReader(
            new ParseLimits(defaults.maxUncompressedBytes(), defaults.maxInflateRatio(), 4, 16));
    for (String format : List.of("xlsx", "xls")) {
      Path wide = directory.resolve("wide." + format);
      Path longCell = directory.resolve("long." + format);
      try (Workbook first = workbook(format);
          Workbook second = workbook(format)) {
        text(first.createSheet().createRow(0), "Transaction Type", "Order Id", "Invoice Amount");
        text(first.getSheetAt(0).createRow(2), "Shipment", "402-1", "5", null, "note", "more");
        write(first, wide);
        text(second.createSheet().createRow(0), "Transaction Type", "Order Id", "Invoice Amount");
        text(second.getSheetAt(0).createRow(1), "Shipment", "402-1-and-more-text");
        write(second, longCell);
      }

      assertThat(rejection(strict, wide, "mtr." + format, null).reason())
          .isEqualTo(
              "FILE_TOO_MANY_COLUMNS: mtr."
                  + format
                  + ": row 3 has more than 4 columns; a row may have at most 4");
      assertThat(rejection(strict, longCell, "mtr." + format, null).reason())
          .isEqualTo(
              "FILE_CELL_TOO_LONG: mtr."
                  + format
                  + ": row 2, column 2 holds more than 16 characters; a cell may hold at most 16");
    }
  }

  private static Workbook workbook(String format) {
    return format.equals("xls") ? new HSSFWorkbook() : new XSSFWorkbook();
  }

  @Test
  void aWorkbookDeclaringAnExternalEntityIsRefusedAndTheEntityNeverResolved() throws Exception {
    Path secret = directory.resolve("secret.txt");
    Files.writeString(secret, "TOP-SECRET");
    Path sound = directory.resolve("sound.xlsx");
    try (XSSFWorkbook workbook = new XSSFWorkbook()) {
      Sheet sheet = workbook.createSheet();
      text(sheet.createRow(0), "type", "order id", "total");
      text(sheet.createRow(1), "Order", "402-1", "ENTITY");
      write(workbook, sound);
    }
    String doctype = "<!DOCTYPE x [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
    Path inSheet = directory.resolve("sheet.xlsx");
    TestZips.rewrite(
        sound,
        "xl/worksheets/sheet1.xml",
        xml -> xml.replaceFirst("\\?>", "?>" + doctype),
        inSheet);
    Path inStrings = directory.resolve("strings.xlsx");
    TestZips.rewrite(
        sound,
        "xl/sharedStrings.xml",
        xml -> xml.replaceFirst("\\?>", "?>" + doctype).replace("ENTITY", "&xxe;"),
        inStrings);

    for (Path file : List.of(inSheet, inStrings)) {
      FileRejectedException rejected = rejection(file, "payment.xlsx", ReportKind.PAYMENT);
      assertThat(rejected.code()).as(file.toString()).isEqualTo("UNSAFE_WORKBOOK");
      assertThat(rejected.reason()).startsWith("FILE_UNSAFE_WORKBOOK: payment.xlsx: ");
      assertThat(rejected.reason()).doesNotContain("TOP-SECRET");
    }
  }

  @Test
  void aTruncatedXlsxIsRefusedAsACorruptWorkbook() throws Exception {
    byte[] whole = Files.readAllBytes(fixture("small/mtr.xlsx"));
    Path truncated = directory.resolve("mtr.xlsx");
    Files.write(truncated, Arrays.copyOf(whole, whole.length / 2));

    FileRejectedException rejected = rejection(truncated, "mtr.xlsx", ReportKind.MTR);

    assertThat(rejected.code()).isEqualTo("CORRUPT_WORKBOOK");
    assertThat(rejected.getMessage()).startsWith("mtr.xlsx: the workbook is corrupt or truncated");
  }

  @Test
  void aSheetWhoseXmlBreaksOffIsRefusedNamingTheLastRowRead() throws Exception {
    Path broken = directory.resolve("mtr.xlsx");
    TestZips.rewrite(
        fixture("small/mtr.xlsx"),
        "xl/worksheets/sheet1.xml",
        xml -> xml.substring(0, xml.indexOf("<row r=\"101\"") + 20),
        broken);

    try (ReportFile report = READER.open(broken, "mtr.xlsx", ReportKind.MTR)) {
      FileRejectedException rejected =
          catchThrowableOfType(FileRejectedException.class, () -> readAll(report));
      assertThat(rejected.code()).isEqualTo("CORRUPT_WORKBOOK");
      assertThat(rejected.getMessage())
          .startsWith("mtr.xlsx: the workbook is corrupt or truncated after row 100");
    }
  }

  @Test
  void anXlsxPartThatInflatesBeyondTheRatioIsRefusedAsAZipBomb() throws Exception {
    Path bomb = directory.resolve("mtr.xlsx");
    String padding = " ".repeat(20 * 1024 * 1024);
    TestZips.rewrite(
        fixture("small/mtr.xlsx"),
        "xl/worksheets/sheet1.xml",
        xml -> xml.replace("<sheetData>", "<sheetData>" + padding),
        bomb);

    FileRejectedException rejected = rejection(bomb, "mtr.xlsx", ReportKind.MTR);

    assertThat(rejected.reason())
        .isEqualTo(
            "FILE_ZIP_BOMB: mtr.xlsx: the part xl/worksheets/sheet1.xml of the workbook expands"
                + " more than 100 times its compressed size, so it is refused as a likely ZIP"
                + " bomb");
  }

  @Test
  void anEncryptedOfficeFileIsRefusedAsPasswordProtected() throws Exception {
    Path file = directory.resolve("payment.xlsx");
    try (POIFSFileSystem compoundFile = new POIFSFileSystem();
        OutputStream out = Files.newOutputStream(file)) {
      compoundFile.createDocument(new ByteArrayInputStream(new byte[64]), "EncryptionInfo");
      compoundFile.createDocument(new ByteArrayInputStream(new byte[64]), "EncryptedPackage");
      compoundFile.writeFilesystem(out);
    }

    FileRejectedException rejected = rejection(file, "payment.xlsx", null);

    assertThat(rejected.code()).isEqualTo("ENCRYPTED_WORKBOOK");
    assertThat(rejected.getMessage()).startsWith("payment.xlsx: the workbook is protected");
  }

  @Test
  void anOfficeFileThatIsNoWorkbookIsRefused() throws Exception {
    Path file = directory.resolve("report.xls");
    try (POIFSFileSystem compoundFile = new POIFSFileSystem();
        OutputStream out = Files.newOutputStream(file)) {
      compoundFile.createDocument(new ByteArrayInputStream(new byte[64]), "WordDocument");
      compoundFile.writeFilesystem(out);
    }

    assertThat(rejection(file, "report.xls", null).reason())
        .startsWith(
            "FILE_UNSUPPORTED_FORMAT: report.xls: not a CSV, XLSX, XLS or ZIP (it is a Microsoft"
                + " Office file, but not an Excel workbook); accepted formats:");
  }

  /**
   * A preamble row, a header on row 3 and data on rows 4 and 6, with cells of every type in the
   * columns of a payment report.
   */
  private static void writeTypedCells(Workbook workbook) {
    Sheet sheet = workbook.createSheet("Payments");
    text(sheet.createRow(0), "All amounts in INR, unless specified");
    text(
        sheet.createRow(2),
        "date/time",
        "type",
        "order id",
        "total",
        "quantity",
        "settlement id",
        "product sales",
        "selling fees",
        "fba fees",
        "other",
        "description");
    CellStyle dateTime = style(workbook, "dd/mm/yyyy hh:mm:ss.000");
    CellStyle builtInDate = workbook.createCellStyle();
    builtInDate.setDataFormat((short) 14);
    CellStyle money = style(workbook, "[Red]#,##0.00;\"Rs \"0.00");

    Row first = sheet.createRow(3);
    first.createCell(0).setCellValue(LocalDateTime.of(2024, 3, 5, 10, 15, 0, 123_000_000));
    first.getCell(0).setCellStyle(dateTime);
    text(first, null, " Order ", "402-1");
    // As Python writes 1234.56 after a sum: the shortest round-trip text is wanted back.
    first.createCell(3).setCellValue(Double.parseDouble("1234.5599999999999"));
    first.getCell(3).setCellStyle(money);
    first.createCell(4).setCellValue(100.0);
    first.createCell(5).setCellValue(12345678901.0);
    first.createCell(6).setCellValue(1e-7);
    first.createCell(7).setCellValue(-0.0);
    first.createCell(8).setCellValue(true);
    first.createCell(9).setCellValue(LocalDateTime.of(2024, 3, 5, 0, 0));
    first.getCell(9).setCellStyle(builtInDate);
    first.createCell(10).setCellValue("   ");

    sheet.createRow(4);
    Row second = sheet.createRow(5);
    text(second, null, "Refund");
    second.createCell(3).setCellValue(-12.5);
  }

  private static void assertTypedCells(ReportFile report) throws Exception {
    assertThat(report.kind()).isEqualTo(ReportKind.PAYMENT);
    assertThat(report.headerRow()).isEqualTo(3);
    List<ReportRow> rows = readAll(report);
    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(4, 6);
    assertThat(rows.get(0).values())
        .containsOnly(
            entry("datetime", "2024-03-05T10:15:00.123"),
            entry("type", "Order"),
            entry("orderid", "402-1"),
            entry("total", "1234.56"),
            entry("quantity", "100"),
            entry("settlementid", "12345678901"),
            entry("productsales", "0.0000001"),
            entry("sellingfees", "0"),
            entry("fbafees", "TRUE"),
            entry("other", "2024-03-05T00:00:00"));
    assertThat(rows.get(1).values())
        .as("the empty cells of payout components the file has are sent as empty text (SPEC §8.1)")
        .containsOnly(
            entry("type", "Refund"),
            entry("total", "-12.5"),
            entry("productsales", ""),
            entry("sellingfees", ""),
            entry("fbafees", ""),
            entry("other", ""));
  }

  private static CellStyle style(Workbook workbook, String format) {
    CellStyle style = workbook.createCellStyle();
    style.setDataFormat(workbook.createDataFormat().getFormat(format));
    return style;
  }

  /** Text cells from the first column on; a null leaves that cell out. */
  private static void text(Row row, String... values) {
    for (int column = 0; column < values.length; column++) {
      if (values[column] != null) {
        row.createCell(column).setCellValue(values[column]);
      }
    }
  }

  private static void write(Workbook workbook, Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      workbook.write(out);
    }
  }
}
