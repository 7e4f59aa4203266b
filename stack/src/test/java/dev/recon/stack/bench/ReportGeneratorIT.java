package dev.recon.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's generator on its own: no stack. An IT only because the stack module runs its
 * tests with failsafe alone.
 */
class ReportGeneratorIT {
  private static final int ORDERS = 400;

  @Test
  void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes(@TempDir Path dir) throws Exception {
    GeneratedReports first =
        GeneratedReports.prepare(dir.resolve("a"), ORDERS, 7, ReportFormat.CSV);
    GeneratedReports again =
        GeneratedReports.prepare(dir.resolve("b"), ORDERS, 7, ReportFormat.CSV);
    GeneratedReports other =
        GeneratedReports.prepare(dir.resolve("c"), ORDERS, 8, ReportFormat.CSV);

    assertThat(Files.mismatch(first.mtr(), again.mtr())).isEqualTo(-1);
    assertThat(Files.mismatch(first.payment(), again.payment())).isEqualTo(-1);
    assertThat(again.expected()).isEqualTo(first.expected());
    assertThat(Files.mismatch(first.mtr(), other.mtr())).isNotEqualTo(-1);
  }

  @Test
  void xlsxIsAlsoByteForByteRepeatable(@TempDir Path dir) throws Exception {
    GeneratedReports first =
        GeneratedReports.prepare(dir.resolve("a"), ORDERS, 7, ReportFormat.XLSX);
    GeneratedReports again =
        GeneratedReports.prepare(dir.resolve("b"), ORDERS, 7, ReportFormat.XLSX);

    assertThat(Files.mismatch(first.mtr(), again.mtr())).isEqualTo(-1);
    assertThat(Files.mismatch(first.payment(), again.payment())).isEqualTo(-1);
  }

  @Test
  void aRerunTakesTheFilesAlreadyThereAndTheirExpectations(@TempDir Path dir) throws Exception {
    GeneratedReports made = GeneratedReports.prepare(dir, ORDERS, 7, ReportFormat.CSV);
    GeneratedReports reused = GeneratedReports.prepare(dir, ORDERS, 7, ReportFormat.CSV);

    assertThat(made.generationTime()).isPositive();
    assertThat(reused.generationTime()).isZero();
    assertThat(reused.expected()).isEqualTo(made.expected());
  }

  @Test
  void everyCategoryAndToleranceOutcomeOccursAndTheCountsAddUp(@TempDir Path dir) throws Exception {
    ExpectedResults expected =
        GeneratedReports.prepare(dir, ORDERS, 7, ReportFormat.CSV).expected();

    assertThat(expected.categories()).containsOnlyKeys(ExpectedResults.CATEGORIES);
    assertThat(expected.categories().values()).allSatisfy(count -> assertThat(count).isPositive());
    assertThat(expected.tolerance().values()).allSatisfy(count -> assertThat(count).isPositive());
    assertThat(expected.categories().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(expected.orders());
    assertThat(expected.tolerance().values().stream().mapToLong(Long::longValue).sum())
        .isEqualTo(expected.orders());
    // cancelled orders vanish, removal orders and charges are extra: about one order per order
    assertThat(expected.orders()).isBetween(ORDERS * 9 / 10L, (long) ORDERS);
    assertThat(expected.mtrRows()).isGreaterThan(ORDERS);
    assertThat(expected.paymentRows()).isGreaterThan(ORDERS);
  }

  @Test
  void amountsAndDatesAreSpelledAsInAmazonsReports() {
    assertThat(ReportLayout.MTR.csvAmount(129_900)).isEqualTo("1299.00");
    assertThat(ReportLayout.MTR.csvAmount(-5)).isEqualTo("-0.05");
    assertThat(ReportLayout.MTR.csvAmount(0)).isEqualTo("0.00");
    assertThat(ReportLayout.PAYMENT.csvAmount(-123_456_789)).isEqualTo("-1,234,567.89");
    assertThat(ReportLayout.PAYMENT.csvAmount(100_000)).isEqualTo("1,000.00");
    assertThat(ReportLayout.PAYMENT.csvAmount(99_999)).isEqualTo("999.99");
    assertThat(ReportLayout.PAYMENT.csvAmount(0)).isEqualTo("0");
    assertThat(ReportLayout.xlsxAmount(129_950)).isEqualTo("1299.5");
    assertThat(ReportLayout.xlsxAmount(-1_200)).isEqualTo("-12");
    long julyFirstAt0005 = 1_719_792_300L;
    assertThat(ReportLayout.MTR.csvDate(julyFirstAt0005)).isEqualTo("2024-07-01 00:05:00");
    assertThat(ReportLayout.PAYMENT.csvDate(julyFirstAt0005))
        .isEqualTo("1 Jul 2024 12:05:00 am UTC");
    assertThat(ReportLayout.PAYMENT.csvDate(julyFirstAt0005 + 14 * 3600))
        .isEqualTo("1 Jul 2024 2:05:00 pm UTC");
  }

  @Test
  void csvHasAmazonsLayout(@TempDir Path dir) throws Exception {
    GeneratedReports reports = GeneratedReports.prepare(dir, ORDERS, 7, ReportFormat.CSV);
    List<String> mtr = Files.readAllLines(reports.mtr(), StandardCharsets.UTF_8);
    List<String> payment = Files.readAllLines(reports.payment(), StandardCharsets.UTF_8);

    assertThat(mtr.get(0)).startsWith("Seller Gstin,Invoice Number,Invoice Date,Transaction Type");
    assertThat(mtr).hasSize((int) reports.expected().mtrRows() + 1);
    assertThat(mtr.get(1))
        .matches(".*,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,.*")
        .matches(".*,\\d{3}-\\d{7}-\\d{7},.*")
        .matches(".*,-?\\d+\\.\\d\\d,.*");
    assertThat(payment.get(0)).startsWith("\"Includes Amazon Marketplace");
    assertThat(payment.get(7)).startsWith("\"date/time\",\"settlement id\",\"type\",\"order id\"");
    assertThat(payment).hasSize((int) reports.expected().paymentRows() + 8);
    assertThat(String.join("\n", payment))
        .contains("\"Transfer\"", "\"Ajdustment\"", "\"FBA Inventory Fee\"")
        .containsPattern("\"\\d{1,2} [A-Z][a-z]{2} 2024 \\d{1,2}:\\d\\d:\\d\\d [ap]m UTC\"")
        .containsPattern("\"-?\\d{1,3}(,\\d{3})+\\.\\d\\d\"");
    assertThat(String.join("\n", mtr)).contains(",Cancel,", ",Refund,", ",FreeReplacement,");
  }

  @Test
  void xlsxHoldsTheSameRowsWithNumberAndDateCells(@TempDir Path dir) throws Exception {
    GeneratedReports reports = GeneratedReports.prepare(dir, ORDERS, 7, ReportFormat.XLSX);

    try (InputStream in = Files.newInputStream(reports.mtr());
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      Sheet sheet = workbook.getSheetAt(0);
      assertThat(sheet.getSheetName()).isEqualTo("MTR");
      assertThat(sheet.getLastRowNum()).isEqualTo((int) reports.expected().mtrRows());
      assertThat(sheet.getRow(0).getCell(3).getStringCellValue()).isEqualTo("Transaction Type");
      Row first = sheet.getRow(1);
      assertThat(first.getCell(18).getCellType()).isEqualTo(CellType.NUMERIC);
      assertThat(DateUtil.isCellDateFormatted(first.getCell(2))).isTrue();
      assertThat(first.getCell(4).getStringCellValue()).matches("\\d{3}-\\d{7}-\\d{7}");
    }
    try (InputStream in = Files.newInputStream(reports.payment());
        XSSFWorkbook workbook = new XSSFWorkbook(in)) {
      assertThat(workbook.getSheetAt(0).getLastRowNum())
          .isEqualTo((int) reports.expected().paymentRows());
    }
  }
}
