package dev.recon.ingest.parse;

import static dev.recon.ingest.parse.TestReports.READER;
import static dev.recon.ingest.parse.TestReports.fixture;
import static dev.recon.ingest.parse.TestReports.readAll;
import static dev.recon.ingest.parse.TestReports.rejection;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.ReportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ZIP wrappers (SPEC §1): exactly one report inside, and nothing dangerous. */
class ZipReportsTest {

  private static final String ACCEPTED =
      "accepted formats: CSV (, ; or TAB delimited), XLSX, XLS, or a ZIP holding exactly one of"
          + " them";
  private static final byte[] MTR_CSV =
      "Transaction Type,Order Id,Invoice Amount\nShipment,402-1,100.00\n".getBytes(UTF_8);

  @TempDir Path directory;

  @Test
  void foldersAndMacResourceForksDoNotCountAndTheEntryPathIsIgnored() throws Exception {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    entries.put("reports/", new byte[0]);
    entries.put("reports/2024/../../../MTR_B2C-MARCH.csv", MTR_CSV);
    entries.put("__MACOSX/reports/._MTR_B2C-MARCH.csv", new byte[] {0, 5, 22, 7, 0, 2});
    Path zip = write("mtr.zip", TestZips.zip(entries));

    try (ReportFile report = READER.open(zip, "uploads/mtr.zip", null)) {
      assertThat(report.format()).isEqualTo("zip/csv");
      assertThat(report.kind()).isEqualTo(ReportKind.MTR);
      List<ReportRow> rows = readAll(report);
      assertThat(rows).hasSize(1);
      assertThat(rows.get(0).rowNumber()).isEqualTo(2);
    }
    assertThat(Files.exists(directory.resolve("MTR_B2C-MARCH.csv"))).isFalse();
  }

  @Test
  void theExtractedCopyIsDeletedOnClose() throws Exception {
    Path zip = write("mtr.zip", TestZips.zip(Map.of("MTR.csv", MTR_CSV)));
    List<Path> before = extractedCopies();

    try (ReportFile report = READER.open(zip, "mtr.zip", ReportKind.MTR)) {
      assertThat(extractedCopies()).hasSize(before.size() + 1);
      readAll(report);
    }

    assertThat(extractedCopies()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void anEmptyZipHoldsNoFile() throws Exception {
    Path zip = write("mtr.zip", TestZips.zip(Map.of("only-a-folder/", new byte[0])));
    Path empty = write("empty.zip", TestZips.zip(Map.of()));

    assertThat(rejection(zip, "mtr.zip", ReportKind.MTR).reason())
        .isEqualTo(
            "FILE_ZIP_NOT_ONE_FILE: mtr.zip: the ZIP holds 0 files, not exactly one; " + ACCEPTED);
    assertThat(rejection(empty, "empty.zip", null).reason())
        .isEqualTo(
            "FILE_ZIP_NOT_ONE_FILE: empty.zip: the ZIP holds 0 files, not exactly one; "
                + ACCEPTED);
  }

  @Test
  void aZipInsideTheZipIsRefused() throws Exception {
    byte[] inner = TestZips.zip(Map.of("MTR.csv", MTR_CSV));
    Path zip = write("mtr.zip", TestZips.zip(Map.of("folder/inner.zip", inner)));

    FileRejectedException rejected = rejection(zip, "mtr.zip", ReportKind.MTR);

    assertThat(rejected.code()).isEqualTo("NESTED_ZIP");
    assertThat(rejected.getMessage()).startsWith("mtr.zip: inner.zip in the ZIP is itself a ZIP");
  }

  @Test
  void aWorkbookInsideTheZipIsRead() throws Exception {
    byte[] workbook = Files.readAllBytes(fixture("edge/payment_late.xlsx"));
    Path zip = write("payment.zip", TestZips.zip(Map.of("late.xlsx", workbook)));

    try (ReportFile report = READER.open(zip, "payment.zip", null)) {
      assertThat(report.format()).isEqualTo("zip/xlsx");
      assertThat(readAll(report)).extracting(ReportRow::rowNumber).containsExactly(4, 5, 7, 8);
    }
  }

  @Test
  void aFileInsideTheZipThatIsNoReportIsRefusedNamingIt() throws Exception {
    byte[] pdf = Files.readAllBytes(fixture("bad-files/report.pdf"));
    Path zip = write("mtr.zip", TestZips.zip(Map.of("../../statement.pdf", pdf)));

    assertThat(rejection(zip, "mtr.zip", ReportKind.MTR).reason())
        .isEqualTo(
            "FILE_UNSUPPORTED_FORMAT: statement.pdf in mtr.zip: not a CSV, XLSX, XLS or ZIP; "
                + ACCEPTED);
  }

  @Test
  void officeDocumentsOtherThanXlsxAreRefusedAsSuch() throws Exception {
    Map<String, byte[]> word = new LinkedHashMap<>();
    word.put("[Content_Types].xml", "<Types/>".getBytes(UTF_8));
    word.put("word/document.xml", "<document/>".getBytes(UTF_8));
    Map<String, byte[]> openDocument = new LinkedHashMap<>();
    openDocument.put("mimetype", "application/vnd.oasis.opendocument.spreadsheet".getBytes(UTF_8));
    openDocument.put("content.xml", "<document-content/>".getBytes(UTF_8));

    for (Map.Entry<String, Map<String, byte[]>> document :
        Map.of("report.docx", word, "report.ods", openDocument).entrySet()) {
      Path file = write(document.getKey(), TestZips.zip(document.getValue()));
      assertThat(rejection(file, document.getKey(), null).reason())
          .isEqualTo(
              "FILE_UNSUPPORTED_FORMAT: "
                  + document.getKey()
                  + ": not a CSV, XLSX, XLS or ZIP (it is an office document, but not an XLSX"
                  + " workbook); "
                  + ACCEPTED);
    }
  }

  @Test
  void aHighlyCompressibleEntryIsRefusedAsAZipBomb() throws Exception {
    Path zip = write("mtr.zip", TestZips.zip(Map.of("MTR.csv", bombCsv())));

    assertThat(rejection(zip, "mtr.zip", ReportKind.MTR).reason())
        .isEqualTo(
            "FILE_ZIP_BOMB: mtr.zip: MTR.csv in the ZIP expands more than 100 times its"
                + " compressed size, so it is refused as a likely ZIP bomb");
  }

  @Test
  void aZipBombIsStoppedWhileInflatingEvenWhenItsDeclaredSizeLies() throws Exception {
    byte[] bytes = TestZips.zip(Map.of("MTR.csv", bombCsv()));
    List<Path> before = extractedCopies();
    for (int header : TestZips.centralHeaders(bytes)) {
      TestZips.putInt(bytes, header + 24, 1_000);
    }
    Path zip = write("mtr.zip", bytes);

    assertThat(rejection(zip, "mtr.zip", ReportKind.MTR).reason())
        .isEqualTo(
            "FILE_ZIP_BOMB: mtr.zip: MTR.csv in the ZIP expands more than 100 times its"
                + " compressed size, so it is refused as a likely ZIP bomb");
    assertThat(extractedCopies()).containsExactlyInAnyOrderElementsOf(before);
  }

  @Test
  void anEntryLargerThanTheSizeLimitIsRefused() throws Exception {
    ParseLimits defaults = ParseLimits.defaults();
    ParseLimits oneMebibyte =
        new ParseLimits(
            1024 * 1024,
            defaults.maxInflateRatio(),
            defaults.maxColumns(),
            defaults.maxCellChars());
    StringBuilder rows = new StringBuilder("Transaction Type,Order Id,Invoice Amount\n");
    Random random = new Random(7);
    while (rows.length() < 2 * 1024 * 1024) {
      rows.append("Shipment,").append(random.nextLong()).append(',').append(random.nextInt());
      rows.append('\n');
    }
    Path zip = write("mtr.zip", TestZips.zip(Map.of("MTR.csv", rows.toString().getBytes(UTF_8))));

    try {
      assertThat(rejection(new ReportReader(oneMebibyte), zip, "mtr.zip", ReportKind.MTR).reason())
          .isEqualTo(
              "FILE_ZIP_BOMB: mtr.zip: MTR.csv in the ZIP expands beyond 1048576 bytes, so it is"
                  + " refused as a likely ZIP bomb");
    } finally {
      // POI's inflate limits are global: give the other tests the defaults back.
      new ReportReader(defaults);
    }
  }

  @Test
  void aPasswordProtectedEntryIsRefused() throws Exception {
    byte[] bytes = TestZips.zip(Map.of("MTR.csv", MTR_CSV));
    bytes[6] |= 1;
    for (int header : TestZips.centralHeaders(bytes)) {
      bytes[header + 8] |= 1;
    }
    Path zip = write("mtr.zip", bytes);

    FileRejectedException rejected = rejection(zip, "mtr.zip", ReportKind.MTR);

    assertThat(rejected.code()).isEqualTo("ENCRYPTED_ZIP");
    assertThat(rejected.getMessage()).startsWith("mtr.zip: MTR.csv in the ZIP is protected");
  }

  @Test
  void aTruncatedZipIsRefusedAsCorrupt() throws Exception {
    byte[] bytes = TestZips.zip(Map.of("MTR.csv", MTR_CSV, "notes.txt", MTR_CSV));
    Path zip = write("mtr.zip", Arrays.copyOf(bytes, bytes.length - 30));

    FileRejectedException rejected = rejection(zip, "mtr.zip", ReportKind.MTR);

    assertThat(rejected.code()).isEqualTo("CORRUPT_ZIP");
    assertThat(rejected.getMessage()).startsWith("mtr.zip: the ZIP is corrupt or truncated");
  }

  /** 40 MB of one repeated row: deflate shrinks it about a thousand times. */
  private static byte[] bombCsv() {
    return ("Transaction Type,Order Id,Invoice Amount\n"
            + "Shipment,402-1,1.00\n".repeat(2_000_000))
        .getBytes(UTF_8);
  }

  private static List<Path> extractedCopies() throws IOException {
    try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
      return files
          .filter(file -> file.getFileName().toString().startsWith("recon-report-"))
          .toList();
    }
  }

  private Path write(String fileName, byte[] bytes) throws IOException {
    return Files.write(directory.resolve(fileName), bytes);
  }
}
