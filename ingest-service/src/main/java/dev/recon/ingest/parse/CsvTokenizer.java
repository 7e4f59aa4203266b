package dev.recon.ingest.parse;

import java.io.IOException;
import java.io.Reader;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The rows of delimited text, RFC 4180: a value starting with a double quote runs to the next lone
 * quote, a doubled quote inside it is one quote, and it may hold delimiters and line breaks. Lines
 * end with LF, CRLF or a lone CR. Text after a closing quote and before the next delimiter is kept,
 * as spreadsheet programs do. Reads through a fixed buffer, so a file of any size takes the same
 * memory; row numbers are the physical line on which a row starts.
 */
final class CsvTokenizer implements RowSource {

  private static final int BUFFER_CHARS = 64 * 1024;
  private static final int NOT_QUOTED = -1;

  private final Reader reader;
  private final char delimiter;
  private final String fileName;
  private final int maxColumns;
  private final int maxCellChars;
  private final char[] buffer = new char[BUFFER_CHARS];
  private int position;
  private int limit;
  private int line = 1;
  private char[] cell = new char[256];
  private int cellLength;
  private int quoteOpenedOn = NOT_QUOTED;
  private boolean @Nullable [] keptColumns;
  private final SourceRow row = new SourceRow();

  CsvTokenizer(Reader reader, char delimiter, String fileName, ParseLimits limits) {
    this.reader = reader;
    this.delimiter = delimiter;
    this.fileName = fileName;
    this.maxColumns = limits.maxColumns();
    this.maxCellChars = limits.maxCellChars();
  }

  /** The physical line on which the next row would start. */
  int nextRowLine() {
    return line;
  }

  @Override
  public String rowWord() {
    return "line";
  }

  @Override
  public void keepOnly(boolean[] columns) {
    keptColumns = columns.clone();
  }

  @Override
  public @Nullable SourceRow next() throws FileRejectedException, IOException {
    if (position == limit && !fill()) {
      return null;
    }
    row.start(line);
    for (int column = 0; ; column++) {
      boolean anotherCellFollows = readCell(column);
      storeCell(column);
      if (!anotherCellFollows) {
        return row;
      }
      if (column + 1 >= maxColumns) {
        throw Rejections.tooManyColumns(fileName, "line", row.number(), maxColumns);
      }
    }
  }

  /** Reads one cell into {@link #cell}; true when a delimiter ended it. */
  private boolean readCell(int column) throws FileRejectedException, IOException {
    cellLength = 0;
    if (position == limit && !fill()) {
      return false;
    }
    if (buffer[position] == '"') {
      position++;
      readQuotedPart(column);
    }
    return readUnquotedPart(column);
  }

  private void readQuotedPart(int column) throws FileRejectedException, IOException {
    quoteOpenedOn = line;
    while (true) {
      if (position == limit && !fill()) {
        throw unclosedQuote();
      }
      char[] chars = buffer;
      int end = limit;
      int i = position;
      while (i < end) {
        char c = chars[i];
        if (c == '"' || c == '\n' || c == '\r') {
          break;
        }
        i++;
      }
      append(chars, position, i - position, column);
      position = i;
      if (i == end) {
        continue;
      }
      char special = chars[i];
      position++;
      if (special == '"') {
        if (position == limit && !fill()) {
          break;
        }
        if (buffer[position] != '"') {
          break;
        }
        position++;
        append('"', column);
      } else {
        append(special, column);
        if (special == '\r' && nextIs('\n')) {
          position++;
          append('\n', column);
        }
        line++;
      }
    }
    quoteOpenedOn = NOT_QUOTED;
  }

  /** Reads up to the delimiter or the end of the line; true when a delimiter ended the cell. */
  private boolean readUnquotedPart(int column) throws FileRejectedException, IOException {
    while (position < limit || fill()) {
      char[] chars = buffer;
      char separator = delimiter;
      int end = limit;
      int i = position;
      while (i < end) {
        char c = chars[i];
        if (c == separator || c == '\n' || c == '\r') {
          break;
        }
        i++;
      }
      append(chars, position, i - position, column);
      position = i;
      if (i < end) {
        position++;
        char special = chars[i];
        if (special == separator) {
          return true;
        }
        if (special == '\r' && nextIs('\n')) {
          position++;
        }
        line++;
        return false;
      }
    }
    return false;
  }

  private boolean nextIs(char expected) throws IOException {
    return (position < limit || fill()) && buffer[position] == expected;
  }

  private void storeCell(int column) {
    int from = 0;
    int to = cellLength;
    while (from < to && Character.isWhitespace(cell[from])) {
      from++;
    }
    if (from == to) {
      row.put(column, null);
      return;
    }
    boolean[] kept = keptColumns;
    if (kept != null && (column >= kept.length || !kept[column])) {
      row.put(column, null);
      row.markNotBlank();
      return;
    }
    while (Character.isWhitespace(cell[to - 1])) {
      to--;
    }
    row.put(column, new String(cell, from, to - from));
  }

  private void append(char[] chars, int from, int count, int column) throws FileRejectedException {
    if (count == 0) {
      return;
    }
    ensureRoom(count, column);
    System.arraycopy(chars, from, cell, cellLength, count);
    cellLength += count;
  }

  private void append(char c, int column) throws FileRejectedException {
    ensureRoom(1, column);
    cell[cellLength++] = c;
  }

  private void ensureRoom(int count, int column) throws FileRejectedException {
    int needed = cellLength + count;
    if (needed > maxCellChars) {
      throw cellTooLong(column);
    }
    if (needed > cell.length) {
      cell = Arrays.copyOf(cell, Math.min(maxCellChars, Math.max(needed, cell.length * 2)));
    }
  }

  private boolean fill() throws IOException {
    int read;
    do {
      read = reader.read(buffer, 0, buffer.length);
    } while (read == 0);
    if (read < 0) {
      position = 0;
      limit = 0;
      return false;
    }
    position = 0;
    limit = read;
    return true;
  }

  private FileRejectedException unclosedQuote() {
    return new FileRejectedException(
        Rejections.UNCLOSED_QUOTE,
        String.format(
            "%s: line %d: a quoted value starts on this line and its closing quote never comes,"
                + " so the rest of the file would be one value; a quote inside a quoted value must"
                + " be doubled (\"\"), as in standard CSV",
            fileName, quoteOpenedOn));
  }

  private FileRejectedException cellTooLong(int column) {
    FileRejectedException tooLong =
        Rejections.cellTooLong(fileName, "line", row.number(), column + 1, maxCellChars);
    if (quoteOpenedOn == NOT_QUOTED) {
      return tooLong;
    }
    return new FileRejectedException(
        tooLong.code(),
        tooLong.getMessage()
            + String.format(
                "; the quoted value opened on line %d may lack its closing quote", quoteOpenedOn));
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
