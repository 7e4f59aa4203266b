package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.io.Closeable;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** An opened report whose header has been found; its data rows are read one at a time. */
public interface ReportFile extends Closeable {

  ReportKind kind();

  /** {@code csv}, {@code xlsx} or {@code xls}; a zipped report adds a prefix: {@code zip/csv}. */
  String format();

  /** The physical line (CSV) or sheet row (workbook) of the header, counted from 1. */
  int headerRow();

  /**
   * The next data row, blank rows skipped, or null at the end. A problem found late (a quote that
   * never closes, a corrupt or truncated workbook, a row over the limits) refuses the whole file
   * and names the line.
   */
  @Nullable ReportRow next() throws FileRejectedException, IOException;
}
