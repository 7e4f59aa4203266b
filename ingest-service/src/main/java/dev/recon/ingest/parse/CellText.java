package dev.recon.ingest.parse;

import dev.recon.contracts.line.Dates;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import org.apache.poi.ss.usermodel.DateUtil;
import org.jspecify.annotations.Nullable;

/**
 * The text of a workbook's numeric cell (datasets README, 7): the cell's value, never its displayed
 * text. A number is the shortest decimal that reads back as the same double; a cell whose number
 * format is a date format is its date-time in the canonical ISO form.
 */
final class CellText {

  /** The first id Excel gives a number format of the workbook's own. */
  private static final int FIRST_CUSTOM_FORMAT = 164;

  private CellText() {}

  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The date-time, or the plain number when the value is no valid Excel date. */
  static String dateOrNumber(double value, boolean date1904) {
    if (DateUtil.isValidExcelDate(value)) {
      // Rounds to the millisecond (datasets README, 6).
      LocalDateTime dateTime = DateUtil.getLocalDateTime(value, date1904);
      if (dateTime != null) {
        return Dates.format(dateTime);
      }
    }
    return number(value);
  }

  /**
   * Built-in formats 14-22, 27-36, 45-47 and 50-58 are dates and times; a workbook's own format is
   * one when its code has d, m, y, h or s outside quoted text and brackets.
   */
  static boolean isDateFormat(int formatId, @Nullable String formatCode) {
    if ((formatId >= 14 && formatId <= 22)
        || (formatId >= 27 && formatId <= 36)
        || (formatId >= 45 && formatId <= 47)
        || (formatId >= 50 && formatId <= 58)) {
      return true;
    }
    return formatId >= FIRST_CUSTOM_FORMAT && formatCode != null && isDateFormatCode(formatCode);
  }

  static boolean isDateFormatCode(String formatCode) {
    boolean inQuotes = false;
    boolean inBrackets = false;
    for (int i = 0; i < formatCode.length(); i++) {
      char c = formatCode.charAt(i);
      if (inQuotes) {
        inQuotes = c != '"';
      } else if (inBrackets) {
        inBrackets = c != ']';
      } else if (c == '"') {
        inQuotes = true;
      } else if (c == '[') {
        inBrackets = true;
      } else if (c == '\\' || c == '_' || c == '*') {
        // The next character is a literal, a padding width or a fill, never a date part.
        i++;
      } else if ("dmyhsDMYHS".indexOf(c) >= 0) {
        return true;
      }
    }
    return false;
  }
}
