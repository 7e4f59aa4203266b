package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The data rows after the header of a {@link RowSource}, as {@link ReportRow}s. */
final class SourceReportFile implements ReportFile {

  private final RowSource rows;
  private final Header header;
  private final String format;
  private final List<String> readColumns;

  /** Reused for every row: Map.ofEntries builds the row's map from it in one step. */
  private final Map.Entry<String, String>[] entries;

  SourceReportFile(RowSource rows, Header header, String format) {
    this.rows = rows;
    this.header = header;
    this.format = format;
    this.readColumns = header.readColumns();
    @SuppressWarnings("unchecked") // Java cannot create an array of a generic type directly
    Map.Entry<String, String>[] entries = new Map.Entry[readColumns.size()];
    this.entries = entries;
    rows.keepOnly(header.usedColumns());
  }

  /**
   * Looks for the header in the first rows of a sheet and returns the rows after it; the source is
   * closed if it has no header.
   */
  static ReportFile afterHeader(RowSource rows, Upload upload, String format)
      throws FileRejectedException, IOException {
    boolean handedOver = false;
    try {
      HeaderSearch search = upload.headerSearch();
      for (SourceRow row = rows.next();
          row != null && row.number() <= HeaderSearch.LAST_HEADER_ROW;
          row = rows.next()) {
        Header header = search.examine(row, rows.rowWord());
        if (header != null) {
          handedOver = true;
          return new SourceReportFile(rows, header, format);
        }
      }
      throw search.noHeader();
    } finally {
      if (!handedOver) {
        rows.close();
      }
    }
  }

  @Override
  public ReportKind kind() {
    return header.kind();
  }

  @Override
  public String format() {
    return format;
  }

  @Override
  public int headerRow() {
    return header.rowNumber();
  }

  @Override
  public @Nullable ReportRow next() throws FileRejectedException, IOException {
    for (SourceRow row = rows.next(); row != null; row = rows.next()) {
      if (row.isBlank()) {
        continue;
      }
      int present = 0;
      for (int i = 0; i < entries.length; i++) {
        int column = header.columnOf(i);
        String value = column < 0 ? null : row.cell(column);
        if (value == null && header.sendsEmptyCell(i)) {
          value = "";
        }
        if (value != null) {
          entries[present++] = Map.entry(readColumns.get(i), value);
        }
      }
      return new ReportRow(row.number(), Map.ofEntries(Arrays.copyOf(entries, present)));
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    rows.close();
  }
}
