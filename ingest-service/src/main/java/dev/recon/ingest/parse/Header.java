package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.util.List;

/** The header row found in a report: its kind and where each recognised column is. */
final class Header {

  private final ReportKind kind;
  private final int rowNumber;
  private final int[] columnOfRecognised;

  /**
   * @param columnOfRecognised for each of {@code kind.recognisedColumns()}, in that order, the
   *     index of the first header cell with that normalised name, or -1
   */
  Header(ReportKind kind, int rowNumber, int[] columnOfRecognised) {
    this.kind = kind;
    this.rowNumber = rowNumber;
    this.columnOfRecognised = columnOfRecognised.clone();
  }

  ReportKind kind() {
    return kind;
  }

  int rowNumber() {
    return rowNumber;
  }

  List<String> recognisedColumns() {
    return kind.recognisedColumns();
  }

  /** The header cell index of the i-th recognised column, or -1 when the file lacks it. */
  int columnOf(int recognisedIndex) {
    return columnOfRecognised[recognisedIndex];
  }

  /** A mask, by cell index, of the cells whose text a row needs. */
  boolean[] usedColumns() {
    int width = 0;
    for (int column : columnOfRecognised) {
      width = Math.max(width, column + 1);
    }
    boolean[] used = new boolean[width];
    for (int column : columnOfRecognised) {
      if (column >= 0) {
        used[column] = true;
      }
    }
    return used;
  }
}
