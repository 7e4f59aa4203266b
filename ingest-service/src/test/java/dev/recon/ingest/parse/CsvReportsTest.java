package dev.recon.ingest.parse;

import static dev.recon.ingest.parse.TestReports.READER;
import static dev.recon.ingest.parse.TestReports.readAll;
import static dev.recon.ingest.parse.TestReports.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.recon.contracts.ReportKind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Delimited text: quoting, line ends, encodings, header search and the limits. */
class CsvReportsTest {

  private static final String MTR_HEADER = "Transaction Type,Order Id,Invoice Amount,Sku\n";

  @TempDir Path directory;

  @Test
  void quotedValuesHoldDelimitersDoubledQuotesAndLineBreaks() throws Exception {
    Path file =
        write(
            "mtr.csv",
            MTR_HEADER
                + "Shipment,\"1,2\",\"say \"\"hi\"\"\",\"two\r\nlines\"\n"
                + "Shipment,\"quoted\"tail,5,\"\"\n"
                + "Shipment,3,6,last line without a line break");

    List<ReportRow> rows = readAll(file, "mtr.csv", ReportKind.MTR);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(2, 4, 5);
    assertThat(rows.get(0).values())
        .containsOnly(
            entry("transactiontype", "Shipment"),
            entry("orderid", "1,2"),
            entry("invoiceamount", "say \"hi\""),
            entry("sku", "two\r\nlines"));
    assertThat(rows.get(1).values())
        .containsOnly(
            entry("transactiontype", "Shipment"),
            entry("orderid", "quotedtail"),
            entry("invoiceamount", "5"));
    assertThat(rows.get(2).values()).containsEntry("sku", "last line without a line break");
  }

  @Test
  void linesMayEndWithLfCrlfOrALoneCr() throws Exception {
    Path file =
        write("mtr.csv", "Transaction Type,Order Id,Invoice Amount\rShipment,a,1\r\nRefund,b,2\n");

    List<ReportRow> rows = readAll(file, "mtr.csv", null);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(2, 3);
    assertThat(rows).extracting(row -> row.values().get("orderid")).containsExactly("a", "b");
  }

  @Test
  void blankRowsAreSkippedAndCellsStrippedOfUnicodeWhiteSpace() throws Exception {
    Path file =
        write(
            "mtr.csv",
            MTR_HEADER
                + "\n"
                + " , \t ,\u2003,\n"
                + "\u2003Shipment\u3000, 402-1 ,  ,\n"
                + ",,,,,unknown column\n");

    List<ReportRow> rows = readAll(file, "mtr.csv", ReportKind.MTR);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(4, 5);
    assertThat(rows.get(0).values())
        .containsOnly(entry("transactiontype", "Shipment"), entry("orderid", "402-1"));
    assertThat(rows.get(1).values()).isEmpty();
  }

  @Test
  void theFirstOfTwoColumnsWithTheSameNormalisedNameIsUsed() throws Exception {
    Path file =
        write("mtr.csv", "Order Id,Transaction Type,ORDER-ID,Invoice Amount\nfirst,Shipment,x,1\n");

    assertThat(readAll(file, "mtr.csv", null).get(0).values()).containsEntry("orderid", "first");
  }

  @Test
  void theHeaderMayStartOnLine30ButNotLater() throws Exception {
    Path onLine30 = write("mtr.csv", "\"note\"\n".repeat(29) + MTR_HEADER + "Shipment,a,1,\n");
    Path onLine31 = write("mtr31.csv", "\"note\"\n".repeat(30) + MTR_HEADER + "Shipment,a,1,\n");

    try (ReportFile report = READER.open(onLine30, "mtr.csv", null)) {
      assertThat(report.headerRow()).isEqualTo(30);
      assertThat(readAll(report)).extracting(ReportRow::rowNumber).containsExactly(31);
    }
    assertThat(rejection(onLine31, "mtr31.csv", null).code()).isEqualTo("NO_HEADER");
  }

  @Test
  void aQuoteThatNeverClosesIsRefusedNamingTheLineWhereItOpened() throws Exception {
    Path file = write("mtr.csv", MTR_HEADER + "Shipment,a,1,\nShipment,\"b,2,\nShipment,c,3,\n");

    FileRejectedException rejected = rejection(file, "mtr.csv", ReportKind.MTR);

    assertThat(rejected.code()).isEqualTo("UNCLOSED_QUOTE");
    assertThat(rejected.reason())
        .startsWith("FILE_UNCLOSED_QUOTE: mtr.csv: line 3: a quoted value");
  }

  @Test
  void aQuoteThatNeverClosesBeforeTheHeaderIsRefusedToo() throws Exception {
    Path file = write("payment.csv", "\"Includes Amazon Marketplace\n" + MTR_HEADER);

    FileRejectedException rejected = rejection(file, "payment.csv", null);

    assertThat(rejected.code()).isEqualTo("UNCLOSED_QUOTE");
    assertThat(rejected.getMessage()).startsWith("payment.csv: line 1:");
  }

  @Test
  void utf16WithByteOrderMarkIsDecodedAsUtf16() throws Exception {
    String text = "type,order id,total\r\nOrder,402-1,\"\u20b9 1,200.00\"\r\n";
    for (Charset utf16 : List.of(StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE)) {
      Path file = directory.resolve("payment-" + utf16.name() + ".csv");
      Files.write(file, ("\ufeff" + text).getBytes(utf16));

      List<ReportRow> rows = readAll(file, "payment.csv", null);

      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).values())
          .containsOnly(
              entry("type", "Order"), entry("orderid", "402-1"), entry("total", "\u20b9 1,200.00"));
    }
  }

  @Test
  void utf16WithoutByteOrderMarkIsRefusedNotReadAsGarbage() throws Exception {
    Path file = directory.resolve("payment.csv");
    Files.write(file, "type,order id,total\nOrder,402-1,1\n".getBytes(StandardCharsets.UTF_16LE));

    FileRejectedException rejected = rejection(file, "payment.csv", null);

    assertThat(rejected.code()).isEqualTo("UNSUPPORTED_ENCODING");
    assertThat(rejected.getMessage()).contains("UTF-16").contains("UTF-8");
  }

  @Test
  void binaryDataNamedCsvIsRefused() throws Exception {
    Path file = directory.resolve("mtr.csv");
    Files.write(file, new byte[] {'M', 'Z', (byte) 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, (byte) 0xFF});

    FileRejectedException rejected = rejection(file, "mtr.csv", ReportKind.MTR);

    assertThat(rejected.reason())
        .isEqualTo(
            "FILE_UNSUPPORTED_FORMAT: mtr.csv: not a CSV, XLSX, XLS or ZIP (it holds binary"
                + " data); accepted formats: CSV (, ; or TAB delimited), XLSX, XLS, or a ZIP"
                + " holding exactly one of them");
  }

  @Test
  void oneByteThatIsNotUtf8AnywhereMakesTheWholeFileWindows1252() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(MTR_HEADER.getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes("Shipment,a,1,\u20ac\n".getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes("Shipment,b,2,x\n".repeat(20_000).getBytes(StandardCharsets.US_ASCII));
    bytes.writeBytes(new byte[] {'S', 'h', 'i', 'p', ',', 'c', ',', '3', ',', (byte) 0xE9, '\n'});
    Path file = directory.resolve("mtr.csv");
    Files.write(file, bytes.toByteArray());

    List<ReportRow> rows = readAll(file, "mtr.csv", ReportKind.MTR);

    assertThat(rows.get(0).values()).containsEntry("sku", "\u00e2\u201a\u00ac");
    assertThat(rows.get(rows.size() - 1).values()).containsEntry("sku", "\u00e9");
  }

  @Test
  void aHeaderWithTheColumnsOfBothKindsNeedsTheKindNamed() throws Exception {
    Path file =
        write("upload.csv", "Type,Transaction Type,Order Id,Invoice Amount,Total\nx,y,z,1,2\n");

    FileRejectedException rejected = rejection(file, "upload.csv", null);

    assertThat(rejected.code()).isEqualTo("AMBIGUOUS_KIND");
    assertThat(rejected.getMessage())
        .startsWith("upload.csv: the header on line 1 fits both mtr and payment")
        .contains("name the kind");
    assertThat(readAll(file, "upload.csv", ReportKind.PAYMENT).get(0).values())
        .containsOnly(entry("type", "x"), entry("orderid", "z"), entry("total", "2"));
  }

  @Test
  void withoutAHeaderTheMessageNamesTheKindThatCameClosest() throws Exception {
    Path closerToMtr = write("closer.csv", "transaction type,order id,amount\n");
    Path tie = write("jan.csv", "order id,amount\n");
    Path tieNamedPayment = write("Payment-Jan.csv", "order id,amount\n");

    assertThat(rejection(closerToMtr, "closer.csv", null).getMessage())
        .isEqualTo(
            "no header row with the required mtr columns within the first 30 rows; missing:"
                + " invoiceamount");
    assertThat(rejection(tie, "jan.csv", null).getMessage())
        .isEqualTo(
            "no header row with the required mtr or payment columns within the first 30 rows;"
                + " missing: transactiontype, invoiceamount (mtr) or type, total (payment)");
    assertThat(rejection(tieNamedPayment, "Payment-Jan.csv", null).getMessage())
        .isEqualTo(
            "no header row with the required payment columns within the first 30 rows; missing:"
                + " type, total");
  }

  @Test
  void theFirstDelimiterThatYieldsAHeaderWins() throws Exception {
    Path file = write("mtr.csv", "Transaction Type;Order Id;Invoice Amount\nShipment;a,b;1,5\n");

    try (ReportFile report = READER.open(file, "mtr.csv", null)) {
      assertThat(readAll(report).get(0).values())
          .containsOnly(
              entry("transactiontype", "Shipment"),
              entry("orderid", "a,b"),
              entry("invoiceamount", "1,5"));
    }
  }

  @Test
  void aRowWithMoreColumnsThanTheLimitIsRefusedNamingItsLine() throws Exception {
    Path file = write("mtr.csv", MTR_HEADER + "Shipment,a,1,\n" + "x,".repeat(2_000) + "x\n");

    FileRejectedException rejected = rejection(file, "mtr.csv", ReportKind.MTR);

    assertThat(rejected.reason())
        .isEqualTo(
            "FILE_TOO_MANY_COLUMNS: mtr.csv: line 3 has more than 2000 columns; a row may have"
                + " at most 2000");
  }

  @Test
  void aCellOfAMillionCharactersIsRefusedNamingItsLineAndColumn() throws Exception {
    Path file = write("mtr.csv", MTR_HEADER + "Shipment,a,1," + "x".repeat(1_000_000) + "\n");

    FileRejectedException rejected = rejection(file, "mtr.csv", ReportKind.MTR);

    assertThat(rejected.reason())
        .isEqualTo(
            "FILE_CELL_TOO_LONG: mtr.csv: line 2, column 4 holds more than 100000 characters; a"
                + " cell may hold at most 100000");
  }

  @Test
  void limitsComeFromTheReadersParseLimits() throws Exception {
    ParseLimits defaults = ParseLimits.defaults();
    ReportReader strict =
        new ReportReader(
            new ParseLimits(defaults.maxUncompressedBytes(), defaults.maxInflateRatio(), 4, 16));
    Path wide = write("mtr.csv", MTR_HEADER + "Shipment,a,1,x,y\n");
    Path longCell = write("mtr2.csv", MTR_HEADER + "Shipment,\"12345678901234567\",1\n");

    assertThat(rejection(strict, wide, "mtr.csv", ReportKind.MTR).code())
        .isEqualTo("TOO_MANY_COLUMNS");
    FileRejectedException tooLong = rejection(strict, longCell, "mtr2.csv", ReportKind.MTR);
    assertThat(tooLong.code()).isEqualTo("CELL_TOO_LONG");
    assertThat(tooLong.getMessage()).contains("line 2, column 2");
  }

  @Test
  void windows1252DecodesLikeTheJdkAndMapsItsFiveUndefinedBytesToControls() {
    byte[] everyByte = new byte[256];
    for (int b = 0; b < 256; b++) {
      everyByte[b] = (byte) b;
    }
    String decoded = new String(everyByte, Windows1252.INSTANCE);
    String jdk = new String(everyByte, Charset.forName("windows-1252"));

    assertThat(decoded).hasSize(256);
    for (int b = 0; b < 256; b++) {
      char expected = jdk.charAt(b) == '\ufffd' ? (char) b : jdk.charAt(b);
      assertThat(decoded.charAt(b)).as("byte %02X", b).isEqualTo(expected);
    }
    assertThat(decoded.charAt(0x81)).isEqualTo('\u0081');
    assertThat(decoded.charAt(0x96)).isEqualTo('\u2013');
  }

  private Path write(String fileName, String text) throws IOException {
    Path file = directory.resolve(fileName);
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }
}
