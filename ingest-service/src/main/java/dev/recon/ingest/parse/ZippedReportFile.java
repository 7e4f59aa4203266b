package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** A report extracted from a ZIP wrapper; closing it deletes the extracted copy. */
final class ZippedReportFile implements ReportFile {

  private final ReportFile report;
  private final Path extracted;

  ZippedReportFile(ReportFile report, Path extracted) {
    this.report = report;
    this.extracted = extracted;
  }

  @Override
  public ReportKind kind() {
    return report.kind();
  }

  @Override
  public String format() {
    return "zip/" + report.format();
  }

  @Override
  public int headerRow() {
    return report.headerRow();
  }

  @Override
  public @Nullable ReportRow next() throws FileRejectedException, IOException {
    return report.next();
  }

  @Override
  public void close() throws IOException {
    try {
      report.close();
    } finally {
      Files.deleteIfExists(extracted);
    }
  }
}
