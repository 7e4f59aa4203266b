package dev.recon.stack.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a report as Amazon's CSV: the payment report with its preamble and every field quoted, the
 * MTR quoted only where a field holds a comma or a quote, {@code \n} line ends, UTF-8.
 */
final class CsvReportWriter implements ReportSink {
  private static final int BUFFER = 1 << 20;

  private final ReportLayout layout;
  private final BufferedWriter out;
  private final StringBuilder line = new StringBuilder(512);

  CsvReportWriter(ReportLayout layout, Path file) throws IOException {
    this.layout = layout;
    this.out =
        new BufferedWriter(
            new OutputStreamWriter(Files.newOutputStream(file), StandardCharsets.UTF_8), BUFFER);
    for (String note : layout.csvPreamble()) {
      writeLine(List.of(note));
    }
    writeLine(layout.columns());
  }

  @Override
  public void add(Object[] row) throws IOException {
    line.setLength(0);
    for (int i = 0; i < row.length; i++) {
      if (i > 0) {
        line.append(',');
      }
      field(cell(row, i));
    }
    out.append(line).append('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }

  private String cell(Object[] row, int column) {
    Object value = row[column];
    if (value instanceof Long number) {
      return layout.isDate(column) ? layout.csvDate(number) : layout.csvAmount(number);
    }
    return (String) value;
  }

  private void writeLine(List<String> fields) throws IOException {
    line.setLength(0);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        line.append(',');
      }
      field(fields.get(i));
    }
    out.append(line).append('\n');
  }

  private void field(String value) {
    boolean quote =
        layout.csvQuotesAll()
            || value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\n') >= 0;
    if (!quote) {
      line.append(value);
      return;
    }
    line.append('"').append(value.replace("\"", "\"\"")).append('"');
  }
}
