package dev.recon.ingest.parse;

import java.util.Map;

/**
 * One data row of a report.
 *
 * @param rowNumber the physical line counted from 1 at the file's first line (a quoted CSV value
 *     holding a line break makes later numbers higher than the record count); for a workbook, the
 *     sheet row
 * @param values the recognised columns of the report's kind whose cell is not empty after {@link
 *     String#strip()}, keyed by normalised column name, each value stripped
 */
public record ReportRow(int rowNumber, Map<String, String> values) {

  public ReportRow {
    values = Map.copyOf(values);
  }
}
