package dev.recon.stack.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The file format a benchmark uploads its reports in. */
enum ReportFormat {
  CSV,
  XLSX;

  static ReportFormat parse(String text) {
    for (ReportFormat format : values()) {
      if (format.extension().equals(text.toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("--format must be csv or xlsx, not " + text);
  }

  String extension() {
    return name().toLowerCase(Locale.ROOT);
  }

  ReportSink open(ReportLayout layout, Path file) throws IOException {
    return this == CSV ? new CsvReportWriter(layout, file) : new XlsxReportWriter(layout, file);
  }
}
