package dev.recon.ingest.parse;

import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.recon.contracts.ReportKind;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Reading fixtures from {@code src/test/resources/reports} and whole reports into lists. */
final class TestReports {

  static final ReportReader READER = new ReportReader(ParseLimits.defaults());

  private TestReports() {}

  /** A fixture, for example {@code edge/mtr.csv}. */
  static Path fixture(String name) {
    URL url = TestReports.class.getResource("/reports/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no test fixture " + name);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<ReportRow> readAll(ReportFile report) throws FileRejectedException, IOException {
    List<ReportRow> rows = new ArrayList<>();
    for (ReportRow row = report.next(); row != null; row = report.next()) {
      rows.add(row);
    }
    return rows;
  }

  static List<ReportRow> readAll(Path file, String fileName, @Nullable ReportKind kind)
      throws FileRejectedException, IOException {
    try (ReportFile report = READER.open(file, fileName, kind)) {
      return readAll(report);
    }
  }

  /** The refusal of a file, whether {@code open} or a later {@code next} finds the problem. */
  static FileRejectedException rejection(Path file, String fileName, @Nullable ReportKind kind) {
    return rejection(READER, file, fileName, kind);
  }

  static FileRejectedException rejection(
      ReportReader reader, Path file, String fileName, @Nullable ReportKind kind) {
    FileRejectedException rejected =
        catchThrowableOfType(
            FileRejectedException.class,
            () -> {
              try (ReportFile report = reader.open(file, fileName, kind)) {
                readAll(report);
              }
            });
    if (rejected == null) {
      throw new AssertionError(fileName + " was read, but should have been refused");
    }
    return rejected;
  }

  static ReportRow rowNumbered(List<ReportRow> rows, int rowNumber) {
    return rows.stream()
        .filter(row -> row.rowNumber() == rowNumber)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + rowNumber));
  }
}
