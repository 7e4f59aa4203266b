package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.util.List;

/** The header row found in a report: its kind and where each column it is read for is. */
final class Header {

  private final ReportKind kind;
  private final int rowNumber;
  private final int[] columnOfRead;
  private final boolean hasBreakdown;

  /**
   * @param columnOfRead for each of {@code kind.readColumns()}, in that order, the index of the
   *     first header cell with that normalised name, or -1
   */
  Header(ReportKind kind, int rowNumber, int[] columnOfRead) {
    this.kind = kind;
    this.rowNumber = rowNumber;
    this.columnOfRead = columnOfRead.clone();
    boolean breakdown = false;
    for (int i = 0; i < columnOfRead.length; i++) {
      breakdown |= columnOfRead[i] >= 0 && isBreakdownColumn(i);
    }
    this.hasBreakdown = breakdown;
  }

  ReportKind kind() {
    return kind;
  }

  int rowNumber() {
    return rowNumber;
  }

  List<String> readColumns() {
    return kind.readColumns();
  }

  /** The header cell index of the i-th column read, or -1 when the file lacks it. */
  int columnOf(int readIndex) {
    return columnOfRead[readIndex];
  }

  /**
   * Whether the i-th column read is a payout component that this file has: its empty cells are then
   * sent as empty text, because a file without any component column gives lines without a
   * breakdown, and one with them gives zeros for empty cells (SPEC §8.1).
   */
  boolean sendsEmptyCell(int readIndex) {
    return hasBreakdown && columnOfRead[readIndex] >= 0 && isBreakdownColumn(readIndex);
  }

  private boolean isBreakdownColumn(int readIndex) {
    return kind.breakdownColumns().contains(kind.readColumns().get(readIndex));
  }

  /** A mask, by cell index, of the cells whose text a row needs. */
  boolean[] usedColumns() {
    int width = 0;
    for (int column : columnOfRead) {
      width = Math.max(width, column + 1);
    }
    boolean[] used = new boolean[width];
    for (int column : columnOfRead) {
      if (column >= 0) {
        used[column] = true;
      }
    }
    return used;
  }
}
