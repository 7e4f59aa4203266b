package dev.recon.contracts;

import java.util.Map;

/**
 * One data row of an uploaded report, before any business rule.
 *
 * @param fileName the uploaded file's base name (a ZIP's own name for a zipped report)
 * @param rowNumber the physical line (CSV) or sheet row (XLSX), counting from 1
 * @param lineId the line's identity (SPEC §4), computed by the gateway that knows the file
 * @param values the columns read ({@link ReportKind#readColumns()}) that are not empty, by
 *     normalised column name, as trimmed text; XLSX numbers as plain decimals and dates as ISO
 *     date-times. An empty payout component of a file that has component columns is an empty text
 *     (SPEC §8.1 tells such a file from one without them).
 */
public record RawRow(
    long uploadId,
    ReportKind kind,
    String fileName,
    int rowNumber,
    String lineId,
    Map<String, String> values)
    implements RawEvent {

  public String value(String column) {
    return values.get(column);
  }
}
