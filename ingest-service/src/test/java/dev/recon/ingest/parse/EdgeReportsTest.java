package dev.recon.ingest.parse;

import static dev.recon.ingest.parse.TestReports.READER;
import static dev.recon.ingest.parse.TestReports.fixture;
import static dev.recon.ingest.parse.TestReports.readAll;
import static dev.recon.ingest.parse.TestReports.rowNumbered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import dev.recon.contracts.ReportKind;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every file of the edge dataset (datasets/edge/CASES.md), read as SPEC §1 requires. */
class EdgeReportsTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "mtr.csv,               MTR,     csv,     1, 61",
    "payment.csv,           PAYMENT, csv,     8, 61",
    "jan.csv,               PAYMENT, csv,     1,  7",
    "overlap.csv,           PAYMENT, csv,     1,  6",
    "payment_tab.csv,       PAYMENT, csv,     1,  3",
    "payment_reupload.csv,  PAYMENT, csv,     1,  3",
    "returns_feb.csv,       MTR,     csv,     1,  3",
    "mtr_bom.csv,           MTR,     csv,     1,  2",
    "payment_cp1252.csv,    PAYMENT, csv,     1,  4",
    "mtr_feb.zip,           MTR,     zip/csv, 1,  3",
    "payment_late.xlsx,     PAYMENT, xlsx,    3,  4",
  })
  void detectsKindFormatAndHeaderOfEveryEdgeFile(
      String fileName, ReportKind kind, String format, int headerRow, int dataRows)
      throws Exception {
    try (ReportFile report = READER.open(fixture("edge/" + fileName), fileName, null)) {
      assertThat(report.kind()).isEqualTo(kind);
      assertThat(report.format()).isEqualTo(format);
      assertThat(report.headerRow()).isEqualTo(headerRow);
      assertThat(readAll(report)).hasSize(dataRows);
    }
    assertThat(readAll(fixture("edge/" + fileName), fileName, kind)).hasSize(dataRows);
  }

  @Test
  void mtrSkipsTheBlankLineAndTheLineOfCommasAndKeepsPhysicalLineNumbers() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/mtr.csv"), "mtr.csv", ReportKind.MTR);

    assertThat(rows.get(0).rowNumber()).isEqualTo(2);
    assertThat(rows).extracting(ReportRow::rowNumber).doesNotContain(1, 23, 44).contains(22, 24);
    assertThat(rows.get(rows.size() - 1).rowNumber()).isEqualTo(64);
    assertThat(rowNumbered(rows, 2).values())
        .containsOnly(
            entry("transactiontype", "Shipment"),
            entry("orderid", "402-0000001-0000001"),
            entry("invoiceamount", "600.00"),
            entry("invoicenumber", "BLR7-100001"),
            entry("invoicedate", "2024-01-03 10:15:00"),
            entry("shipmentid", "S00000001"),
            entry("shipmentdate", "2024-01-03 10:15:00"),
            entry("orderdate", "2024-01-02 09:00:00"),
            entry("shipmentitemid", "40000000000001"),
            entry("quantity", "1"),
            entry("itemdescription", "Edge item"),
            entry("sku", "EDGE-SKU"),
            entry("asin", "B0EDGE0001"));
    assertThat(rowNumbered(rows, 60).values()).doesNotContainKey("orderid");
    assertThat(rowNumbered(rows, 61).values()).doesNotContainKey("invoiceamount");
    assertThat(rowNumbered(rows, 63).values()).containsEntry("invoiceamount", "abc");
    assertThat(rowNumbered(rows, 64).values())
        .doesNotContainKey("transactiontype")
        .containsEntry("orderid", "406-0000005-0000004");
  }

  @Test
  void paymentSkipsThePreambleAndCountsTheLineBreakInsideAQuotedDescription() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/payment.csv"), "payment.csv", ReportKind.PAYMENT);

    assertThat(rows.get(0).rowNumber()).isEqualTo(9);
    assertThat(rowNumbered(rows, 61).values())
        .containsEntry("orderid", "406-0000005-0000002")
        .containsEntry("description", "Payment whose description\nruns over two lines")
        .containsEntry("total", "200.00");
    assertThat(rows).extracting(ReportRow::rowNumber).doesNotContain(62);
    assertThat(rowNumbered(rows, 63).values())
        .containsEntry("orderid", "406-0000005-0000005")
        .doesNotContainKey("total");
    assertThat(rowNumbered(rows, 64).values()).containsEntry("total", "12.5.0");
    assertThat(rowNumbered(rows, 65).values())
        .doesNotContainKey("type")
        .containsEntry("orderid", "406-0000005-0000007");
    assertThat(rowNumbered(rows, 66).values())
        .containsEntry("type", "Service Fee")
        .containsEntry("total", "N/A")
        .doesNotContainKey("orderid");
    assertThat(rows.get(rows.size() - 1).rowNumber()).isEqualTo(70);
  }

  @Test
  void paymentColumnsAreMatchedByNormalisedNameWhateverTheirSpelling() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/payment.csv"), "payment.csv", ReportKind.PAYMENT);

    assertThat(rowNumbered(rows, 9).values())
        .containsOnly(
            entry("type", "Order"),
            entry("orderid", "402-0000001-0000001"),
            entry("total", "300.00"),
            entry("datetime", "10 Jan 2024 10:15:00 am UTC"),
            entry("settlementid", "11122233344"),
            entry("sku", "EDGE-SKU"),
            entry("description", "Edge item payment"),
            entry("quantity", "1"),
            entry("productsales", "300.00"),
            entry("sellingfees", "0"),
            entry("fbafees", "0"),
            entry("othertransactionfees", "0"),
            entry("shippingcredits", "0"),
            entry("giftwrapcredits", "0"),
            entry("promotionalrebates", "0"),
            entry("tcscgst", "0"),
            entry("tcssgst", "0"),
            entry("tcsigst", "0"),
            entry("tdssection194o", "0"),
            entry("other", "0"));
  }

  @Test
  void janAndOverlapAreDetectedAsPaymentsAndTheUnknownNotesColumnIsIgnored() throws Exception {
    List<ReportRow> jan = readAll(fixture("edge/jan.csv"), "jan.csv", null);
    List<ReportRow> overlap = readAll(fixture("edge/overlap.csv"), "overlap.csv", null);

    assertThat(rowNumbered(jan, 5).values())
        .containsEntry("datetime", "15/01/2024 09:30")
        .containsEntry("total", "1,050.00");
    assertThat(rowNumbered(jan, 8).values()).containsEntry("type", "transfer");
    assertThat(rowNumbered(overlap, 4).values())
        .containsEntry("datetime", "2024-01-15T09:30:00")
        .containsEntry("total", "1050")
        .doesNotContainKey("notes");
    assertThat(overlap).allSatisfy(row -> assertThat(row.values()).doesNotContainKey("notes"));
  }

  @Test
  void tabDelimitedCrlfFileWithOtherSpellingsAndColumnOrder() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/payment_tab.csv"), "payment_tab.csv", null);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(2, 3, 4);
    assertThat(rows.get(0).values())
        .containsOnly(
            entry("orderid", "405-0000004-0000012"),
            entry("type", "Order"),
            entry("datetime", "2024-02-05 08:00:00"),
            entry("description", "TAB order"),
            entry("total", "800.00"),
            entry("settlementid", "33344455566"));
    assertThat(readAll(fixture("edge/payment_reupload.csv"), "payment_reupload.csv", null))
        .isEqualTo(rows);
  }

  @Test
  void semicolonDelimitedMtrIsDetectedFromItsHeader() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/returns_feb.csv"), "returns_feb.csv", null);

    assertThat(rows.get(0).values())
        .containsOnly(
            entry("orderid", "405-0000004-0000012"),
            entry("transactiontype", "Shipment"),
            entry("invoiceamount", "1,600.00"),
            entry("invoicedate", "03-02-2024 10:00"),
            entry("shipmentitemid", "50000000000001"),
            entry("sku", "EDGE-SKU"));
    assertThat(rows.get(2).values()).containsEntry("transactiontype", "Refund");
  }

  @Test
  void utf8BomFileWithCrlfAndLowerCaseHeader() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/mtr_bom.csv"), "mtr_bom.csv", null);

    assertThat(rows.get(0).values())
        .containsOnly(
            entry("orderid", "405-0000004-0000013"),
            entry("transactiontype", "Shipment"),
            entry("invoiceamount", "250.00"),
            entry("invoicedate", "2024-01-08"),
            entry("sku", "EDGE-SKU"));
    assertThat(rows.get(1).values())
        .containsEntry("transactiontype", "FreeReplacement")
        .containsEntry("invoiceamount", "0")
        .containsEntry("invoicedate", "45300.5");
  }

  @Test
  void windows1252BytesAreDecodedAsWindows1252() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/payment_cp1252.csv"), "payment_cp1252.csv", null);

    assertThat(rowNumbered(rows, 2).values()).containsEntry("description", "Cost of Advertising");
    assertThat(rowNumbered(rows, 3).values())
        .containsEntry("description", "Cost of Advertising \u2013 Sponsored Brands");
    assertThat(rowNumbered(rows, 4).values())
        .containsEntry("description", "Seller\u2019s shipment")
        .containsEntry("total", "Rs. 150.00");
    assertThat(rowNumbered(rows, 5).values())
        .containsEntry("description", "Caf\u00e9 order")
        .containsEntry("total", "twelve");
  }

  @Test
  void zippedMtrIsReadFromItsOnlyEntryWithLineNumbersOfTheInnerFile() throws Exception {
    List<ReportRow> rows = readAll(fixture("edge/mtr_feb.zip"), "mtr_feb.zip", ReportKind.MTR);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(2, 3, 4);
    assertThat(rows)
        .extracting(row -> row.values().get("orderid"))
        .containsExactly("404-0000003-0000007", "404-0000003-0000006", "404-0000003-0000010");
    assertThat(rows.get(0).values())
        .containsEntry("invoicedate", "2024-02-01 10:15:00")
        .containsEntry("transactiontype", "Shipment");
  }

  @Test
  void lateXlsxReadsDateCellsAsIsoNumbersAsPlainDecimalsAndTextAsItIs() throws Exception {
    List<ReportRow> rows =
        readAll(fixture("edge/payment_late.xlsx"), "payment_late.xlsx", ReportKind.PAYMENT);

    assertThat(rows).extracting(ReportRow::rowNumber).containsExactly(4, 5, 7, 8);
    assertThat(rows.get(0).values())
        .containsOnly(
            entry("datetime", "2024-01-05T10:15:00"),
            entry("settlementid", "11122233344"),
            entry("type", "Order"),
            entry("orderid", "404-0000003-0000003"),
            entry("sku", "EDGE-SKU-D3"),
            entry("description", "Edge item D3"),
            entry("quantity", "1"),
            entry("productsales", "1234.5"),
            entry("sellingfees", "0"),
            entry("fbafees", "0"),
            entry("othertransactionfees", "0"),
            entry("other", "0"),
            entry("shippingcredits", "0"),
            entry("giftwrapcredits", "0"),
            entry("promotionalrebates", "0"),
            entry("tcscgst", "0"),
            entry("tcssgst", "0"),
            entry("tcsigst", "0"),
            entry("tdssection194o", "0"),
            entry("total", "1234.5"));
    assertThat(rows.get(1).values())
        .containsEntry("datetime", "2024-02-09T10:15:00")
        .containsEntry("total", "840");
    assertThat(rows.get(2).values())
        .containsEntry("type", "Service Fee")
        .containsEntry("total", "(45.00)")
        .doesNotContainKeys("orderid", "quantity");
    assertThat(rows.get(3).values())
        .doesNotContainKey("type")
        .containsEntry("orderid", "406-0000005-0000009")
        .containsEntry("other", "75")
        .containsEntry("total", "75");
  }

  @Test
  void givenKindIsUsedAsIs() throws IOException, FileRejectedException {
    try (ReportFile report =
        READER.open(fixture("edge/returns_feb.csv"), "returns_feb.csv", ReportKind.MTR)) {
      assertThat(report.kind()).isEqualTo(ReportKind.MTR);
    }
    FileRejectedException wrongKind =
        TestReports.rejection(
            fixture("edge/returns_feb.csv"), "returns_feb.csv", ReportKind.PAYMENT);
    assertThat(wrongKind.reason())
        .isEqualTo(
            "FILE_NO_HEADER: no header row with the required payment columns within the first 30"
                + " rows; missing: type, total");
  }
}
