package dev.recon.ingest.parse;

import static dev.recon.ingest.parse.TestReports.fixture;
import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.ReportKind;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The bad-files dataset: each upload is refused whole with exactly the reason of {@code
 * datasets/bad-files/expected/rejected.csv}, whether the caller names the kind (as the file name
 * does) or leaves it to detection.
 */
class BadFilesTest {

  private static final String ACCEPTED =
      "accepted formats: CSV (, ; or TAB delimited), XLSX, XLS, or a ZIP holding exactly one of"
          + " them";

  static Stream<Arguments> expectedReasons() {
    return Stream.of(
        Arguments.of(
            "mtr_empty.csv",
            ReportKind.MTR,
            "FILE_NO_HEADER: no header row with the required mtr columns within the first 30"
                + " rows; missing: transactiontype, orderid, invoiceamount"),
        Arguments.of(
            "mtr_two_files.zip",
            ReportKind.MTR,
            "FILE_ZIP_NOT_ONE_FILE: mtr_two_files.zip: the ZIP holds 2 files, not exactly one; "
                + ACCEPTED),
        Arguments.of(
            "payment_header_row_31.csv",
            ReportKind.PAYMENT,
            "FILE_NO_HEADER: no header row with the required payment columns within the first 30"
                + " rows; missing: type, orderid, total"),
        Arguments.of(
            "payment_no_total.csv",
            ReportKind.PAYMENT,
            "FILE_NO_HEADER: no header row with the required payment columns within the first 30"
                + " rows; missing: total"),
        Arguments.of(
            "report.pdf",
            null,
            "FILE_UNSUPPORTED_FORMAT: report.pdf: not a CSV, XLSX, XLS or ZIP; " + ACCEPTED));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("expectedReasons")
  void refusesWithTheExpectedReason(String fileName, ReportKind kind, String reason) {
    assertThat(TestReports.rejection(fixture("bad-files/" + fileName), fileName, kind).reason())
        .isEqualTo(reason);
    assertThat(TestReports.rejection(fixture("bad-files/" + fileName), fileName, null).reason())
        .isEqualTo(reason);
  }
}
