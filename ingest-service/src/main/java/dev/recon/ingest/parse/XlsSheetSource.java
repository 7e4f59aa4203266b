package dev.recon.ingest.parse;

import java.io.IOException;
import java.util.Iterator;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.jspecify.annotations.Nullable;

/**
 * The rows of an XLS workbook's first sheet. HSSF holds the whole workbook in memory, which an XLS
 * (at most 65,536 rows) allows.
 */
final class XlsSheetSource implements RowSource {

  private final HSSFWorkbook workbook;
  private final Iterator<Row> rows;
  private final boolean date1904;
  private final String fileName;
  private final ParseLimits limits;
  private final SourceRow row = new SourceRow();

  XlsSheetSource(HSSFWorkbook workbook, String fileName, ParseLimits limits) {
    this.workbook = workbook;
    this.rows = workbook.getSheetAt(0).rowIterator();
    this.date1904 = workbook.getInternalWorkbook().isUsing1904DateWindowing();
    this.fileName = fileName;
    this.limits = limits;
  }

  @Override
  public String rowWord() {
    return "row";
  }

  @Override
  public @Nullable SourceRow next() throws FileRejectedException {
    if (!rows.hasNext()) {
      return null;
    }
    Row sheetRow = rows.next();
    int number = sheetRow.getRowNum() + 1;
    row.start(number);
    int values = 0;
    for (Cell cell : sheetRow) {
      String text = text(cell);
      String stripped = text == null ? "" : text.strip();
      if (stripped.isEmpty()) {
        continue;
      }
      int column = cell.getColumnIndex();
      // As for XLSX: the limit bounds the cells that hold values, not the last one's position.
      if (++values > limits.maxColumns()) {
        throw Rejections.tooManyColumns(fileName, "row", number, limits.maxColumns());
      }
      if (text.length() > limits.maxCellChars()) {
        throw Rejections.cellTooLong(fileName, "row", number, column + 1, limits.maxCellChars());
      }
      row.put(column, stripped);
    }
    return row;
  }

  private @Nullable String text(Cell cell) {
    CellType type = cell.getCellType();
    if (type == CellType.FORMULA) {
      type = cell.getCachedFormulaResultType();
    }
    return switch (type) {
      case NUMERIC -> numberText(cell);
      case STRING -> cell.getRichStringCellValue().getString();
      case BOOLEAN -> cell.getBooleanCellValue() ? "TRUE" : "FALSE";
      case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
      default -> null;
    };
  }

  private String numberText(Cell cell) {
    CellStyle style = cell.getCellStyle();
    double value = cell.getNumericCellValue();
    boolean isDate =
        CellText.isDateFormat(
            Short.toUnsignedInt(style.getDataFormat()), style.getDataFormatString());
    return isDate ? CellText.dateOrNumber(value, date1904) : CellText.number(value);
  }

  @Override
  public void close() throws IOException {
    workbook.close();
  }
}
