package dev.recon.ingest.parse;

import java.io.IOException;
import java.nio.file.Path;

/** Opens delimited text: finds the encoding, then the delimiter and header together. */
final class CsvReports {

  /** Tried in this order; the first with a header wins (datasets README, 9). */
  private static final char[] DELIMITERS = {',', ';', '\t'};

  private CsvReports() {}

  static ReportFile open(Path file, byte[] head, Upload upload, ParseLimits limits)
      throws FileRejectedException, IOException {
    TextEncoding encoding = TextEncoding.detect(file, head, upload.shownName());
    HeaderSearch search = upload.headerSearch();
    FileRejectedException firstProblem = null;
    for (char delimiter : DELIMITERS) {
      CsvTokenizer tokenizer =
          new CsvTokenizer(encoding.open(file), delimiter, upload.shownName(), limits);
      boolean handedOver = false;
      try {
        while (tokenizer.nextRowLine() <= HeaderSearch.LAST_HEADER_ROW) {
          SourceRow row = tokenizer.next();
          if (row == null) {
            break;
          }
          Header header = search.examine(row, tokenizer.rowWord());
          if (header != null) {
            handedOver = true;
            return new SourceReportFile(tokenizer, header, "csv");
          }
        }
      } catch (FileRejectedException problem) {
        if (problem.code().equals(Rejections.AMBIGUOUS_KIND)) {
          throw problem;
        }
        // Read with the wrong delimiter, a sound file can look broken; another may still fit.
        if (firstProblem == null) {
          firstProblem = problem;
        }
      } finally {
        if (!handedOver) {
          tokenizer.close();
        }
      }
    }
    throw firstProblem != null ? firstProblem : search.noHeader();
  }
}
