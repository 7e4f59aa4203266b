package dev.recon.ingest.parse;

import dev.recon.contracts.line.Dates;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
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

  /** Most significant digits of a decimal that every double keeps (DBL_DIG). */
  private static final int EXACT_DIGITS = 15;

  /**
   * The text of a number as a sheet writes it, when that text is {@code -?digits(.digits)?} with at
   * most {@link #EXACT_DIGITS} significant digits: then it is {@link #number(double)} of its value
   * without a parse, as every such decimal is the shortest one that reads back as its double; its
   * redundant zeros go. Null for any other text.
   */
  static @Nullable String shortPlainDecimal(String text) {
    int length = text.length();
    if (length == 0 || length > 2 * EXACT_DIGITS + 2) {
      return null;
    }
    boolean negative = text.charAt(0) == '-';
    int i = negative ? 1 : 0;
    int integerStart = i;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
    }
    int integerEnd = i;
    int fractionStart = i;
    int fractionEnd = i;
    if (i < length) {
      if (text.charAt(i) != '.') {
        return null;
      }
      fractionStart = ++i;
      while (i < length && isDigit(text.charAt(i))) {
        i++;
      }
      fractionEnd = i;
      if (i != length || fractionEnd == fractionStart) {
        return null;
      }
    }
    if (integerEnd == integerStart) {
      return null;
    }
    int integerFrom = integerStart;
    while (integerFrom < integerEnd - 1 && text.charAt(integerFrom) == '0') {
      integerFrom++;
    }
    int fractionTo = fractionEnd;
    while (fractionTo > fractionStart && text.charAt(fractionTo - 1) == '0') {
      fractionTo--;
    }
    int integerDigits = integerEnd - integerFrom;
    int significant;
    if (integerDigits == 1 && text.charAt(integerFrom) == '0') {
      int fractionFrom = fractionStart;
      while (fractionFrom < fractionTo && text.charAt(fractionFrom) == '0') {
        fractionFrom++;
      }
      significant = fractionTo - fractionFrom;
    } else {
      significant = integerDigits + fractionTo - fractionStart;
    }
    if (significant > EXACT_DIGITS) {
      return null;
    }
    if (significant == 0) {
      return "0";
    }
    if (!negative && integerFrom == 0 && fractionTo == length) {
      return text;
    }
    StringBuilder plain = new StringBuilder(length);
    if (negative) {
      plain.append('-');
    }
    plain.append(text, integerFrom, integerEnd);
    if (fractionTo > fractionStart) {
      plain.append('.').append(text, fractionStart, fractionTo);
    }
    return plain.toString();
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static String number(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
  }

  /** The date-time, or the plain number when the value is no valid Excel date. */
  static String dateOrNumber(double value, boolean date1904) {
    if (DateUtil.isValidExcelDate(value)) {
      LocalDateTime dateTime = excelDateTime(value, date1904);
      if (dateTime != null) {
        return Dates.format(dateTime);
      }
    }
    return number(value);
  }

  private static final long MILLIS_PER_DAY = 86_400_000L;
  private static final long EPOCH_DAY_1900 = LocalDate.of(1900, 1, 1).toEpochDay();
  private static final long EPOCH_DAY_1904 = LocalDate.of(1904, 1, 1).toEpochDay();

  /**
   * POI's {@link DateUtil#getLocalDateTime(double, boolean)} (the day count of either window,
   * Excel's 29 February 1900 included, the time rounded to the millisecond, half up, from the
   * shortest decimal of the double), without its {@code BigDecimal} arithmetic: it runs for every
   * date cell. Where double arithmetic comes within a rounding error of half a millisecond, POI
   * decides.
   */
  static @Nullable LocalDateTime excelDateTime(double value, boolean date1904) {
    if (!(value >= 0) || value >= Integer.MAX_VALUE) {
      return DateUtil.getLocalDateTime(value, date1904);
    }
    int wholeDays = (int) value;
    // exact: a double minus its integer part
    double millisOfDay = (value - wholeDays) * MILLIS_PER_DAY + 0.5;
    double below = Math.floor(millisOfDay);
    // POI rounds the shortest decimal of the value, up to half an ulp away from the double itself
    double margin = Math.ulp(value) * MILLIS_PER_DAY + ARITHMETIC_ERROR_MILLIS;
    if (millisOfDay - below < margin || below + 1 - millisOfDay < margin) {
      return DateUtil.getLocalDateTime(value, date1904);
    }
    long epochDay;
    if (date1904) {
      epochDay = EPOCH_DAY_1904 + wholeDays;
    } else {
      // day 1 is 1 January 1900, and Excel counts a 29 February 1900 as day 60
      epochDay = EPOCH_DAY_1900 + wholeDays - (wholeDays < 61 ? 1 : 2);
    }
    long millis = (long) below;
    return LocalDate.ofEpochDay(epochDay + millis / MILLIS_PER_DAY)
        .atTime(LocalTime.ofNanoOfDay((millis % MILLIS_PER_DAY) * 1_000_000L));
  }

  /** More than the rounding of the multiplication and addition above, for any date Excel holds. */
  private static final double ARITHMETIC_ERROR_MILLIS = 1e-6;

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
