package dev.recon.ingest.parse;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jspecify.annotations.Nullable;

/**
 * The rows of one worksheet's XML, pulled element by element so that a sheet of any length takes
 * the same memory. Row numbers are the sheet's ({@code r}); cells are placed by their reference, so
 * missing cells and rows are simply absent.
 */
final class XlsxSheetSource implements RowSource {

  private final InputStream sheetXml;
  private final XMLStreamReader xml;
  private final List<String> sharedStrings;
  private final boolean[] dateStyles;
  private final boolean date1904;
  private final String fileName;
  private final ParseLimits limits;
  private final Closeable workbook;
  private final SourceRow row = new SourceRow();
  private final StringBuilder inlineText = new StringBuilder();
  private int lastRowRead;

  /**
   * @param dateStyles by cell style index, whether the style's number format is a date format
   * @param workbook closed with this source
   */
  XlsxSheetSource(
      InputStream sheetXml,
      List<String> sharedStrings,
      boolean[] dateStyles,
      boolean date1904,
      String fileName,
      ParseLimits limits,
      Closeable workbook)
      throws XMLStreamException {
    this.sheetXml = sheetXml;
    this.xml = SecureXml.openAtRoot(sheetXml);
    this.sharedStrings = sharedStrings;
    this.dateStyles = dateStyles.clone();
    this.date1904 = date1904;
    this.fileName = fileName;
    this.limits = limits;
    this.workbook = workbook;
  }

  @Override
  public String rowWord() {
    return "row";
  }

  @Override
  public @Nullable SourceRow next() throws FileRejectedException {
    try {
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("row")) {
          return readRow();
        }
      }
      return null;
    } catch (XMLStreamException | RuntimeException e) {
      // POI reports an inflate problem or a truncated part as an exception in the stream.
      String where = lastRowRead == 0 ? "" : "after row " + lastRowRead;
      throw Rejections.unreadableWorkbook(fileName, where, e, limits);
    }
  }

  private SourceRow readRow() throws XMLStreamException, FileRejectedException {
    String reference = xml.getAttributeValue(null, "r");
    row.start(reference != null ? Integer.parseInt(reference.strip()) : lastRowRead + 1);
    int lastColumn = -1;
    while (xml.next() != XMLStreamReader.END_ELEMENT) {
      if (xml.getEventType() != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      if (xml.getLocalName().equals("c")) {
        lastColumn = readCell(lastColumn);
      } else {
        SecureXml.skipElement(xml);
      }
    }
    lastRowRead = row.number();
    return row;
  }

  /** Reads a {@code <c>} element into the row; returns its column. */
  private int readCell(int lastColumn) throws XMLStreamException, FileRejectedException {
    String reference = xml.getAttributeValue(null, "r");
    String type = xml.getAttributeValue(null, "t");
    String style = xml.getAttributeValue(null, "s");
    int column = reference != null ? columnIndex(reference, lastColumn) : lastColumn + 1;
    String value = null;
    String inline = null;
    while (xml.next() != XMLStreamReader.END_ELEMENT) {
      if (xml.getEventType() != XMLStreamReader.START_ELEMENT) {
        continue;
      }
      switch (xml.getLocalName()) {
        case "v" -> value = xml.getElementText();
        case "is" -> {
          inlineText.setLength(0);
          inline = XlsxStrings.readRichText(xml, inlineText);
        }
        default -> SecureXml.skipElement(xml);
      }
    }
    String text = cellText(type, style, value, inline);
    String stripped = text == null ? "" : text.strip();
    // Excel writes formatted but empty cells far to the right; only cells with text count.
    if (stripped.isEmpty()) {
      return column;
    }
    if (column >= limits.maxColumns()) {
      throw Rejections.tooManyColumns(fileName, "row", row.number(), limits.maxColumns());
    }
    if (text.length() > limits.maxCellChars()) {
      throw Rejections.cellTooLong(
          fileName, "row", row.number(), column + 1, limits.maxCellChars());
    }
    row.put(column, stripped);
    return column;
  }

  private @Nullable String cellText(
      @Nullable String type,
      @Nullable String style,
      @Nullable String value,
      @Nullable String inline)
      throws FileRejectedException {
    if (type == null || type.equals("n")) {
      return value == null || value.isBlank() ? null : numberText(value, style);
    }
    return switch (type) {
      case "s" -> sharedString(value);
      case "inlineStr" -> inline != null ? inline : value;
      case "b" -> value == null ? null : value.strip().equals("1") ? "TRUE" : "FALSE";
      // "str" (a formula's text), "e" (an error such as #N/A), "d" (ISO date text).
      default -> value;
    };
  }

  private String numberText(String value, @Nullable String style) {
    double number;
    try {
      number = Double.parseDouble(value);
    } catch (NumberFormatException notANumber) {
      return value;
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

  private @Nullable String sharedString(@Nullable String value) throws FileRejectedException {
    if (value == null) {
      return null;
    }
    int index = Integer.parseInt(value.strip());
    if (index < 0 || index >= sharedStrings.size()) {
      throw new FileRejectedException(
          Rejections.CORRUPT_WORKBOOK,
          String.format(
              "%s: row %d refers to shared string %d, which the workbook does not have; save it"
                  + " again from Excel as XLSX or XLS, or export it as CSV",
              fileName, row.number(), index));
    }
    return sharedStrings.get(index);
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

  @Override
  public void close() throws IOException {
    try (workbook;
        sheetXml) {
      xml.close();
    } catch (XMLStreamException e) {
      throw new IOException(e);
    }
  }
}
