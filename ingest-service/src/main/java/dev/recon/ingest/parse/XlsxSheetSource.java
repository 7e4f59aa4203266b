package dev.recon.ingest.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The rows of one worksheet's XML, read by SAX. SAX pushes a whole document through a handler,
 * while a {@link RowSource} is pulled row by row, so the sheet is parsed on a thread of its own
 * that hands over batches of rows through a short queue: memory stays the same for a sheet of any
 * length, and the parsing runs beside whatever the caller does with the rows (on two cores, the
 * publishing). Row numbers are the sheet's ({@code r}); cells are placed by their reference, so
 * missing cells and rows are simply absent.
 */
final class XlsxSheetSource implements RowSource {

  private static final int ROWS_PER_BATCH = 256;

  /** Batches parsed ahead of the reader; with the one being read and the one being filled. */
  private static final int BATCHES_AHEAD = 4;

  /** Shorter values cannot format to more than about 330 characters (a number of 308 digits). */
  private static final int SHORT_VALUE_CHARS = 24;

  private static final int LONGEST_SHORT_VALUE_TEXT = 400;

  /** Column XFD, the last one Excel allows; a reference past it is no worksheet Excel wrote. */
  private static final int LAST_EXCEL_COLUMN = 16_383;

  private final InputStream sheetXml;
  private final XlsxSharedStrings sharedStrings;
  private final boolean[] dateStyles;
  private final boolean date1904;
  private final String fileName;
  private final ParseLimits limits;
  private final Closeable workbook;
  private final SourceRow row = new SourceRow();
  private final BlockingQueue<Batch> parsed = new ArrayBlockingQueue<>(BATCHES_AHEAD + 2);
  private final BlockingQueue<Batch> emptied = new ArrayBlockingQueue<>(BATCHES_AHEAD + 2);
  private volatile boolean @Nullable [] keptColumns;
  private volatile boolean closed;
  private @Nullable Thread parser;
  private @Nullable Batch reading;
  private int nextInBatch;

  /**
   * @param dateStyles by cell style index, whether the style's number format is a date format
   * @param workbook closed with this source, after the shared strings
   */
  XlsxSheetSource(
      InputStream sheetXml,
      XlsxSharedStrings sharedStrings,
      boolean[] dateStyles,
      boolean date1904,
      String fileName,
      ParseLimits limits,
      Closeable workbook) {
    this.sheetXml = sheetXml;
    this.sharedStrings = sharedStrings;
    this.dateStyles = dateStyles.clone();
    this.date1904 = date1904;
    this.fileName = fileName;
    this.limits = limits;
    this.workbook = workbook;
    for (int i = 0; i < BATCHES_AHEAD + 1; i++) {
      emptied.add(new Batch());
    }
  }

  @Override
  public String rowWord() {
    return "row";
  }

  @Override
  public void keepOnly(boolean[] columns) {
    keptColumns = columns.clone();
  }

  @Override
  public @Nullable SourceRow next() throws FileRejectedException, IOException {
    if (parser == null) {
      Thread thread = new Thread(this::parse, "xlsx-sheet " + fileName);
      thread.setDaemon(true);
      parser = thread;
      thread.start();
    }
    Batch batch = reading;
    while (batch == null || nextInBatch == batch.rows) {
      if (batch != null) {
        if (batch.failure != null) {
          throw batch.failure;
        }
        if (batch.error != null) {
          throw batch.error;
        }
        if (batch.last) {
          return null;
        }
        emptied.offer(batch.clear());
      }
      try {
        batch = parsed.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while waiting for rows of " + fileName);
      }
      reading = batch;
      nextInBatch = 0;
    }
    batch.copyRow(nextInBatch++, row);
    return row;
  }

  /**
   * The parsing thread: runs the whole sheet through the handler and always hands over a last
   * batch, which ends the sheet or carries the problem that ended it.
   */
  private void parse() {
    SheetHandler handler = new SheetHandler();
    try {
      SecureXml.parse(sheetXml, handler);
      handler.batch.last = true;
    } catch (Stopped stopped) {
      return;
    } catch (SAXException | IOException | RuntimeException e) {
      handler.batch.failure = refusal(e, handler.lastRowRead);
    } catch (Error e) {
      handler.batch.error = e;
    }
    try {
      handler.handOver();
    } catch (InterruptedException | Stopped e) {
      // closed meanwhile: nobody reads the end any more
    }
  }

  /**
   * A refusal found by the handler, or else POI's report of an inflate problem or a truncated part,
   * or XML that breaks off or declares a DOCTYPE.
   */
  private FileRejectedException refusal(Exception problem, int lastRowRead) {
    for (Throwable t = problem; t != null; t = t.getCause()) {
      if (t instanceof FileRejectedException rejected) {
        return rejected;
      }
    }
    String where = lastRowRead == 0 ? "" : "after row " + lastRowRead;
    return Rejections.unreadableWorkbook(fileName, where, problem, limits);
  }

  /** Tells the parser to stop when closed before the end. */
  private static final class Stopped extends SAXException {
    private static final long serialVersionUID = 1L;

    Stopped() {
      super("closed before the end of the sheet");
    }
  }

  /** A refusal found while parsing, carried out of SAX as the cause of an exception. */
  private static final class Refused extends SAXException {
    private static final long serialVersionUID = 1L;

    Refused(FileRejectedException rejection) {
      super(rejection.getMessage(), rejection);
    }
  }

  /** Rows parsed and not yet read: per row its number and its cells, per cell column and text. */
  private static final class Batch {
    final int[] rowNumbers = new int[ROWS_PER_BATCH];
    final int[] firstCell = new int[ROWS_PER_BATCH + 1];
    int[] columns = new int[ROWS_PER_BATCH * 16];

    /** Null for a cell that is not blank but whose text nobody needs. */
    @Nullable String[] texts = new String[ROWS_PER_BATCH * 16];

    int rows;
    int cells;
    boolean last;
    @Nullable FileRejectedException failure;
    @Nullable Error error;

    Batch clear() {
      rows = 0;
      cells = 0;
      Arrays.fill(texts, null);
      return this;
    }

    void startRow(int number) {
      rowNumbers[rows] = number;
      firstCell[rows] = cells;
    }

    void addCell(int column, @Nullable String text) {
      if (cells == columns.length) {
        columns = Arrays.copyOf(columns, cells * 2);
        texts = Arrays.copyOf(texts, cells * 2);
      }
      columns[cells] = column;
      texts[cells] = text;
      cells++;
    }

    void endRow() {
      rows++;
      firstCell[rows] = cells;
    }

    boolean isFull() {
      return rows == ROWS_PER_BATCH;
    }

    void copyRow(int index, SourceRow row) {
      row.start(rowNumbers[index]);
      for (int cell = firstCell[index]; cell < firstCell[index + 1]; cell++) {
        String text = texts[cell];
        row.put(columns[cell], text);
        if (text == null) {
          row.markNotBlank();
        }
      }
    }
  }

  /**
   * Reads {@code <row>}, {@code <c>} and the cell's {@code <v>} or inline {@code <is>} text;
   * everything else is passed over.
   */
  private final class SheetHandler extends DefaultHandler {
    Batch batch;
    int lastRowRead;
    private boolean inRow;
    private int rowNumber;
    private int lastColumn;
    private int valuesInRow;
    private boolean inCell;
    private int column;
    private @Nullable String type;
    private @Nullable String style;
    private boolean hasValue;
    private boolean inInline;
    private @Nullable StringBuilder capturing;
    private int phoneticDepth;
    private final StringBuilder value = new StringBuilder(64);
    private final StringBuilder inline = new StringBuilder(64);

    SheetHandler() {
      batch = take();
    }

    private Batch take() {
      Batch free = emptied.poll();
      return free != null ? free : new Batch();
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes)
        throws SAXException {
      switch (localName) {
        case "row" -> startRow(attributes.getValue("r"));
        case "c" -> {
          if (inRow) {
            startCell(attributes);
          }
        }
        case "v" -> {
          if (inCell) {
            hasValue = true;
            value.setLength(0);
            capturing = value;
          }
        }
        case "is" -> {
          if (inCell) {
            inInline = true;
            inline.setLength(0);
          }
        }
        case "t" -> capturing = inInline && phoneticDepth == 0 ? inline : null;
        case "rPh" -> phoneticDepth++;
        default -> {}
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      switch (localName) {
        case "row" -> endRow();
        case "c" -> {
          if (inCell) {
            endCell();
          }
        }
        case "v", "t" -> capturing = null;
        case "rPh" -> phoneticDepth--;
        default -> {}
      }
    }

    @Override
    public void characters(char[] chars, int start, int length) {
      StringBuilder text = capturing;
      if (text != null) {
        text.append(chars, start, length);
      }
    }

    private void startRow(@Nullable String reference) throws SAXException {
      if (closed) {
        throw new Stopped();
      }
      rowNumber = reference != null ? Integer.parseInt(reference.strip()) : lastRowRead + 1;
      batch.startRow(rowNumber);
      inRow = true;
      lastColumn = -1;
      valuesInRow = 0;
    }

    private void endRow() throws SAXException {
      if (!inRow) {
        return;
      }
      inRow = false;
      batch.endRow();
      lastRowRead = rowNumber;
      if (batch.isFull()) {
        try {
          handOver();
        } catch (InterruptedException e) {
          throw new Stopped();
        }
      }
    }

    void handOver() throws InterruptedException, Stopped {
      Batch full = batch;
      if (closed) {
        throw new Stopped();
      }
      parsed.put(full);
      batch = take();
    }

    private void startCell(Attributes attributes) throws Stopped {
      if (closed) {
        throw new Stopped();
      }
      // One pass over the attributes: a cell has few, and looking each up by name costs more.
      String reference = null;
      type = null;
      style = null;
      for (int i = 0, count = attributes.getLength(); i < count; i++) {
        switch (attributes.getQName(i)) {
          case "r" -> reference = attributes.getValue(i);
          case "t" -> type = attributes.getValue(i);
          case "s" -> style = attributes.getValue(i);
          default -> {}
        }
      }
      column = reference != null ? columnIndex(reference, lastColumn) : lastColumn + 1;
      inCell = true;
      hasValue = false;
      inInline = false;
      capturing = null;
    }

    private void endCell() throws SAXException {
      inCell = false;
      lastColumn = column;
      try {
        readCell();
      } catch (FileRejectedException e) {
        throw new Refused(e);
      }
    }

    private void readCell() throws FileRejectedException {
      boolean[] kept = keptColumns;
      boolean wanted = kept == null || (column < kept.length && kept[column]);
      if (type == null || type.equals("n")) {
        if (!hasValue || isBlank(value)) {
          return;
        }
        String written = value.toString();
        if (!wanted
            && written.length() <= SHORT_VALUE_CHARS
            && limits.maxCellChars() >= LONGEST_SHORT_VALUE_TEXT) {
          // Its text would be short enough, and nobody needs it: only that the cell is not blank.
          countValue();
          batch.addCell(column, null);
          return;
        }
        String text = numberText(written);
        add(text.strip(), text.length(), wanted);
        return;
      }
      if (type.equals("s")) {
        if (hasValue) {
          sharedString(wanted);
        }
        return;
      }
      String text =
          switch (type) {
            case "inlineStr" -> inInline ? inline.toString() : hasValue ? value.toString() : null;
            case "b" -> hasValue ? (value.toString().strip().equals("1") ? "TRUE" : "FALSE") : null;
            // "str" (a formula's text), "e" (an error such as #N/A), "d" (ISO date text).
            default -> hasValue ? value.toString() : null;
          };
      if (text != null) {
        add(text.strip(), text.length(), wanted);
      }
    }

    private void sharedString(boolean wanted) throws FileRejectedException {
      int index = index(value);
      if (index < 0 || index >= sharedStrings.size()) {
        throw new FileRejectedException(
            Rejections.CORRUPT_WORKBOOK,
            String.format(
                "%s: row %d refers to shared string %d, which the workbook does not have; save it"
                    + " again from Excel as XLSX or XLS, or export it as CSV",
                fileName, rowNumber, index));
      }
      if (sharedStrings.isBlank(index)) {
        return;
      }
      countValue();
      if (sharedStrings.isTooLong(index)) {
        throw tooLong();
      }
      batch.addCell(column, wanted ? sharedStrings.text(index) : null);
    }

    /**
     * Adds a cell's stripped text, if any; Excel writes formatted but empty cells far to the right,
     * and only cells with text count.
     */
    private void add(String stripped, int writtenLength, boolean wanted)
        throws FileRejectedException {
      if (stripped.isEmpty()) {
        return;
      }
      countValue();
      if (writtenLength > limits.maxCellChars()) {
        throw tooLong();
      }
      batch.addCell(column, wanted ? stripped : null);
    }

    /**
     * The column limit bounds the cells that hold values, not how far right the last one is: Excel
     * allows a stray note in column XFD, and blank cells are never kept. Only a position Excel
     * cannot write is refused, so that no reference makes a row wider than a real sheet.
     */
    private void countValue() throws FileRejectedException {
      if (column > LAST_EXCEL_COLUMN) {
        throw new FileRejectedException(
            Rejections.CORRUPT_WORKBOOK,
            String.format(
                "%s: row %d has a cell in column %d, past XFD (%d), the last column Excel allows;"
                    + " save it again from Excel as XLSX or XLS, or export it as CSV",
                fileName, rowNumber, column + 1, LAST_EXCEL_COLUMN + 1));
      }
      if (++valuesInRow > limits.maxColumns()) {
        throw Rejections.tooManyColumns(fileName, "row", rowNumber, limits.maxColumns());
      }
    }

    private FileRejectedException tooLong() {
      return Rejections.cellTooLong(fileName, "row", rowNumber, column + 1, limits.maxCellChars());
    }

    /** The value, or the text as written when it is no number. */
    private String numberText(String written) {
      String plain = CellText.shortPlainDecimal(written);
      if (plain != null && !isDateStyle(style)) {
        return plain;
      }
      double number;
      try {
        number = Double.parseDouble(written);
      } catch (NumberFormatException notANumber) {
        return written;
      }
      return isDateStyle(style) ? CellText.dateOrNumber(number, date1904) : CellText.number(number);
    }

    private boolean isDateStyle(@Nullable String style) {
      if (style == null) {
        return false;
      }
      int index = Integer.parseInt(style.strip());
      return index >= 0 && index < dateStyles.length && dateStyles[index];
    }
  }

  /** A shared string index; any other text is the same error as for {@link Integer#parseInt}. */
  private static int index(CharSequence text) {
    int length = text.length();
    if (length == 0 || length > 9) {
      return Integer.parseInt(text.toString().strip());
    }
    int index = 0;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c < '0' || c > '9') {
        return Integer.parseInt(text.toString().strip());
      }
      index = index * 10 + (c - '0');
    }
    return index;
  }

  private static boolean isBlank(CharSequence text) {
    for (int i = 0; i < text.length(); i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The zero-based column of a reference such as {@code AB12}. */
  private static int columnIndex(String reference, int lastColumn) {
    int column = 0;
    int letters = 0;
    for (; letters < reference.length(); letters++) {
      char c = Character.toUpperCase(reference.charAt(letters));
      if (c < 'A' || c > 'Z') {
        break;
      }
      column = column * 26 + (c - 'A' + 1);
      if (column > 1 << 20) {
        break;
      }
    }
    return letters == 0 ? lastColumn + 1 : column - 1;
  }

  /** Stops the parsing thread, then closes the sheet, the shared strings and the workbook. */
  @Override
  public void close() throws IOException {
    closed = true;
    Thread thread = parser;
    if (thread != null) {
      thread.interrupt();
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    try (workbook;
        sharedStrings;
        sheetXml) {
      // closed in reverse order by the statement
    }
  }
}
