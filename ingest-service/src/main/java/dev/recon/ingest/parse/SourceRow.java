package dev.recon.ingest.parse;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A row as a format reads it, before the header gives its cells a meaning. Cells are stripped and
 * null when empty; a source may also leave a cell null when nobody asked for its text (see {@link
 * RowSource#keepOnly}), so {@link #isBlank()} is the only reliable blankness test. One instance is
 * reused for every row of a source.
 */
final class SourceRow {

  private int number;
  private @Nullable String[] cells = new String[32];
  private int size;
  private boolean blank;

  void start(int rowNumber) {
    number = rowNumber;
    size = 0;
    blank = true;
  }

  /** Sets a cell; columns skipped since the last one are empty. */
  void put(int column, @Nullable String strippedValue) {
    if (column >= cells.length) {
      cells = Arrays.copyOf(cells, Math.max(column + 1, cells.length * 2));
    }
    for (int skipped = size; skipped < column; skipped++) {
      cells[skipped] = null;
    }
    cells[column] = strippedValue;
    size = Math.max(size, column + 1);
    if (strippedValue != null) {
      blank = false;
    }
  }

  /** Records that a cell whose text was not kept holds more than white space. */
  void markNotBlank() {
    blank = false;
  }

  int number() {
    return number;
  }

  int size() {
    return size;
  }

  @Nullable String cell(int column) {
    return column < size ? cells[column] : null;
  }

  boolean isBlank() {
    return blank;
  }
}
