package dev.recon.contracts.line;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** SPEC §2 dates. Informational: they never reject a row. */
public final class Dates {

  private static final DateTimeFormatter CANONICAL =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private Dates() {}

  /**
   * The one text form of a date-time that every service writes and a line's identity hashes: {@code
   * 2024-03-05T10:15:00}, with {@code .SSS} only when there are milliseconds. Written out by hand
   * for four-digit years, as it runs for every date of every row.
   */
  @SuppressWarnings("JavaLocalDateTimeGetNano") // the milliseconds beside the seconds
  public static String format(LocalDateTime dateTime) {
    int millis = dateTime.getNano() / 1_000_000;
    int year = dateTime.getYear();
    if (year < 0 || year > 9999) {
      String text = CANONICAL.format(dateTime);
      return millis == 0 ? text : text + String.format(java.util.Locale.ROOT, ".%03d", millis);
    }
    char[] text = new char[23];
    digits(text, 0, year, 4);
    text[4] = '-';
    digits(text, 5, dateTime.getMonthValue(), 2);
    text[7] = '-';
    digits(text, 8, dateTime.getDayOfMonth(), 2);
    text[10] = 'T';
    digits(text, 11, dateTime.getHour(), 2);
    text[13] = ':';
    digits(text, 14, dateTime.getMinute(), 2);
    text[16] = ':';
    digits(text, 17, dateTime.getSecond(), 2);
    if (millis == 0) {
      return new String(text, 0, 19);
    }
    text[19] = '.';
    digits(text, 20, millis, 3);
    return new String(text);
  }

  private static void digits(char[] text, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /**
   * Reads the date forms of SPEC §2 as their wall-clock date-time (decision 6: a zone is dropped,
   * not converted; a date alone is midnight; fractions are rounded to the millisecond):
   *
   * <ul>
   *   <li>ISO {@code 2024-03-05}, {@code 2024-03-05T10:15}, {@code 2024-03-05 10:15:00.250}, with
   *       an optional zone {@code Z}, {@code +05:30}, {@code UTC}, {@code IST}, {@code GMT+05:30};
   *   <li>day first {@code 05-03-2024}, {@code 05/03/2024}, {@code 05.03.2024}, with an optional
   *       time {@code HH:mm[:ss]};
   *   <li>English month names {@code Mar 5, 2024 10:15:00 AM PST}, {@code 5 Mar 2024 10:15:00 am
   *       UTC}, {@code 5-Mar-2024}, full or abbreviated in any case;
   *   <li>an Excel serial number in the 1900 date system, {@code 1} (1900-01-01) to {@code
   *       2958465.99…} (9999-12-31), as Excel and Apache POI count it.
   * </ul>
   *
   * Any time may carry {@code AM}/{@code PM} in any case.
   */
  public static Optional<LocalDateTime> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(new Scanner(text.strip()).read());
  }

  /**
   * The canonical text of a readable date, else the stripped text as given; null for null, so that
   * an absent cell stays absent.
   */
  public static String normalise(String text) {
    if (text == null) {
      return null;
    }
    Optional<LocalDateTime> parsed = parse(text);
    return parsed.isPresent() ? format(parsed.get()) : text.strip();
  }

  /**
   * One parse over stripped text. Hand-written, like {@link Amounts}, because it runs on every date
   * cell of every row; each method returns false (or null) as soon as the text cannot be a date, so
   * nothing is retried.
   */
  private static final class Scanner {
    private static final String[] MONTHS = {
      "january",
      "february",
      "march",
      "april",
      "may",
      "june",
      "july",
      "august",
      "september",
      "october",
      "november",
      "december"
    };
    private static final BigDecimal MILLIS_PER_DAY = BigDecimal.valueOf(86_400_000L);
    private static final int EXCEL_LAST_SERIAL = 2_958_465;
    private static final int EXCEL_SERIAL_DIGITS = 7;

    /** Longer fractions are no spreadsheet's, and would only cost time to read exactly. */
    private static final int EXCEL_FRACTION_DIGITS = 20;

    /** The first serial after 29 February 1900, a day that Excel counts but never was. */
    private static final int EXCEL_AFTER_FALSE_LEAP_DAY = 61;

    private static final LocalDate EXCEL_EPOCH = LocalDate.of(1899, 12, 30);

    private final String text;
    private int pos;
    private int year;
    private int month;
    private int day;
    private int hour;
    private int minute;
    private int second;
    private int millis;

    Scanner(String text) {
      this.text = text;
    }

    LocalDateTime read() {
      if (text.isEmpty()) {
        return null;
      }
      char first = text.charAt(0);
      boolean isoDate = false;
      if (isDigit(first)) {
        int run = digitRun(0);
        if (isSerial(run)) {
          return serial();
        }
        if (run == 4) {
          isoDate = true;
          if (!yearFirst()) {
            return null;
          }
        } else if (run <= 2) {
          if (!dayFirst(run)) {
            return null;
          }
        } else {
          return null;
        }
      } else if (!monthFirst()) {
        return null;
      }
      if (!validDate() || !timeAndZone(isoDate)) {
        return null;
      }
      return LocalDateTime.of(year, month, day, hour, minute, second)
          .plusNanos(millis * 1_000_000L);
    }

    /** {@code 2024-03-05} or {@code 2024/03/05}. */
    private boolean yearFirst() {
      year = number(0, 4);
      pos = 4;
      char separator = text.charAt(pos);
      if (separator != '-' && separator != '/') {
        return false;
      }
      pos++;
      month = upToTwoDigits();
      if (month < 0 || !take(separator)) {
        return false;
      }
      day = upToTwoDigits();
      return day >= 0;
    }

    /**
     * {@code 05-03-2024}, {@code 5/3/2024}, {@code 05.03.2024}, {@code 5 Mar 2024}, {@code
     * 5-Mar-2024}.
     */
    private boolean dayFirst(int run) {
      day = number(0, run);
      pos = run;
      if (pos >= text.length()) {
        return false;
      }
      char separator = text.charAt(pos);
      if (separator == '-' || separator == '/' || separator == '.') {
        pos++;
        if (pos < text.length() && isLetter(text.charAt(pos))) {
          return monthName() && take(separator) && fourDigitYear();
        }
        month = upToTwoDigits();
        return month >= 0 && take(separator) && fourDigitYear();
      }
      if (separator != ' ') {
        return false;
      }
      skipSpaces();
      if (!monthName()) {
        return false;
      }
      take('.');
      take(',');
      return skipSpaces() && fourDigitYear();
    }

    /** {@code Mar 5, 2024} or {@code March 05 2024}. */
    private boolean monthFirst() {
      if (!monthName()) {
        return false;
      }
      take('.');
      if (!skipSpaces()) {
        return false;
      }
      day = upToTwoDigits();
      if (day < 0) {
        return false;
      }
      take(',');
      return skipSpaces() && fourDigitYear();
    }

    private boolean monthName() {
      int start = pos;
      while (pos < text.length() && isLetter(text.charAt(pos))) {
        pos++;
      }
      int length = pos - start;
      for (int i = 0; i < MONTHS.length; i++) {
        String name = MONTHS[i];
        boolean matches =
            (length == 3 || length == name.length() || (i == 8 && length == 4))
                && text.regionMatches(true, start, name, 0, length);
        if (matches) {
          month = i + 1;
          return true;
        }
      }
      return false;
    }

    /** An optional time and AM/PM, then an optional zone that is dropped, then the end. */
    private boolean timeAndZone(boolean isoDate) {
      if (pos == text.length()) {
        return true;
      }
      char c = text.charAt(pos);
      if (isoDate && (c == 'T' || c == 't')) {
        pos++;
        return time() && zone();
      }
      boolean comma = take(',');
      boolean separated = skipSpaces() || comma;
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        return separated && time() && zone();
      }
      return zone();
    }

    private boolean time() {
      hour = upToTwoDigits();
      if (hour < 0 || !take(':')) {
        return false;
      }
      minute = exactlyTwoDigits();
      if (minute < 0) {
        return false;
      }
      if (take(':')) {
        second = exactlyTwoDigits();
        if (second < 0) {
          return false;
        }
        if ((take('.') || take(',')) && !fraction()) {
          return false;
        }
      }
      if (minute > 59 || second > 59) {
        return false;
      }
      return meridiem();
    }

    private boolean fraction() {
      int start = pos;
      int run = digitRun(start);
      if (run == 0 || run > 9) {
        return false;
      }
      int nanos = number(start, run);
      for (int i = run; i < 9; i++) {
        nanos *= 10;
      }
      millis = (nanos + 500_000) / 1_000_000;
      pos += run;
      return true;
    }

    /** {@code AM}/{@code PM} after optional spaces; without it the hour is 0-23. */
    private boolean meridiem() {
      int afterTime = pos;
      skipSpaces();
      if (pos + 2 <= text.length()
          && (pos + 2 == text.length() || !isLetter(text.charAt(pos + 2)))
          && (text.charAt(pos + 1) == 'm' || text.charAt(pos + 1) == 'M')) {
        char c = text.charAt(pos);
        boolean am = c == 'a' || c == 'A';
        boolean pm = c == 'p' || c == 'P';
        if (am || pm) {
          if (hour < 1 || hour > 12) {
            return false;
          }
          hour = hour % 12 + (pm ? 12 : 0);
          pos += 2;
          return true;
        }
      }
      pos = afterTime;
      return hour <= 23;
    }

    /**
     * Accepts and drops {@code Z}, an abbreviation such as {@code UTC} or {@code PST}, an offset
     * such as {@code +05:30} or {@code -0800}, or an abbreviation followed by an offset; requires
     * the end of the text after it.
     */
    private boolean zone() {
      skipSpaces();
      int start = pos;
      // upper case only, so that a note such as "05/03/2024 tbd" is not taken for a date
      while (pos < text.length() && text.charAt(pos) >= 'A' && text.charAt(pos) <= 'Z') {
        pos++;
      }
      if (pos - start > 5) {
        return false;
      }
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
        int run = digitRun(pos);
        if (run == 4) {
          pos += 4;
        } else if (upToTwoDigits() < 0 || (take(':') && exactlyTwoDigits() < 0)) {
          return false;
        }
      }
      return pos == text.length();
    }

    /** Excel's 1900 date system, which POI follows: serial 1 is 1900-01-01, 61 is 1900-03-01. */
    private LocalDateTime serial() {
      BigDecimal serial = new BigDecimal(text);
      if (serial.compareTo(BigDecimal.ONE) < 0
          || serial.compareTo(BigDecimal.valueOf(EXCEL_LAST_SERIAL + 1L)) >= 0) {
        return null;
      }
      long days = serial.longValue();
      long timeMillis =
          serial
              .subtract(BigDecimal.valueOf(days))
              .multiply(MILLIS_PER_DAY)
              .setScale(0, RoundingMode.HALF_UP)
              .longValueExact();
      LocalDate date = EXCEL_EPOCH.plusDays(days < EXCEL_AFTER_FALSE_LEAP_DAY ? days + 1 : days);
      LocalDateTime dateTime = date.atStartOfDay().plusNanos(timeMillis * 1_000_000L);
      return dateTime.getYear() > 9999 ? null : dateTime;
    }

    /** The whole text is digits with an optional fraction: no other form can be that. */
    private boolean isSerial(int run) {
      if (run > EXCEL_SERIAL_DIGITS) {
        return false;
      }
      if (run == text.length()) {
        return true;
      }
      if (text.charAt(run) != '.') {
        return false;
      }
      int fraction = digitRun(run + 1);
      return fraction > 0
          && fraction <= EXCEL_FRACTION_DIGITS
          && run + 1 + fraction == text.length();
    }

    private boolean validDate() {
      return year >= 1
          && month >= 1
          && month <= 12
          && day >= 1
          && day <= Month.of(month).length(Year.isLeap(year));
    }

    private boolean fourDigitYear() {
      if (digitRun(pos) != 4) {
        return false;
      }
      year = number(pos, 4);
      pos += 4;
      return true;
    }

    /** The value of 1 or 2 digits at the position, or -1. */
    private int upToTwoDigits() {
      int run = digitRun(pos);
      if (run < 1 || run > 2) {
        return -1;
      }
      int value = number(pos, run);
      pos += run;
      return value;
    }

    private int exactlyTwoDigits() {
      if (digitRun(pos) != 2) {
        return -1;
      }
      int value = number(pos, 2);
      pos += 2;
      return value;
    }

    private int digitRun(int from) {
      int at = from;
      while (at < text.length() && isDigit(text.charAt(at))) {
        at++;
      }
      return at - from;
    }

    private int number(int from, int length) {
      int value = 0;
      for (int i = from; i < from + length; i++) {
        value = value * 10 + (text.charAt(i) - '0');
      }
      return value;
    }

    private boolean take(char c) {
      if (pos < text.length() && text.charAt(pos) == c) {
        pos++;
        return true;
      }
      return false;
    }

    /** Skips white space; true when there was some. */
    private boolean skipSpaces() {
      int start = pos;
      while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
        pos++;
      }
      return pos > start;
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
  }
}
