package dev.recon.contracts.line;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * SPEC §2 amounts and decision 8 of the datasets README: exact decimals as written in a report.
 *
 * <p>A hand-written scanner rather than a regular expression, because it runs on every amount of
 * every row and must never backtrack on hostile text.
 */
public final class Amounts {

  /** Digits that always fit in a long, so the common case needs no intermediate text. */
  private static final int LONG_SAFE_DIGITS = 18;

  private Amounts() {}

  /**
   * Reads {@code 1234.5}, {@code 1,234.50}, {@code 12,34,567.89}, {@code -12}, {@code +12}, {@code
   * (12.50)} (negative), with at most one currency mark ({@code ₹}, {@code Rs.}, {@code INR},
   * {@code $}; letters in any case) before or after the number or its sign, and white space around
   * the mark and the whole text.
   *
   * @return the exact value with the scale as written ({@code 1,234.50} is 1234.50), or empty for
   *     anything else: blank, a lone mark or sign, exponents, {@code NaN}, misplaced commas, a
   *     point without digits on both sides ({@code .5}, {@code 12.}), non-ASCII digits
   */
  public static Optional<BigDecimal> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    Scanner scanner = new Scanner(text);
    return Optional.ofNullable(scanner.read());
  }

  /** One parse: the bounds shrink from both ends as the mark, sign and parentheses are taken. */
  private static final class Scanner {
    private final String text;
    private int start;
    private int end;
    private boolean marked;

    Scanner(String text) {
      this.text = text;
      this.end = text.length();
    }

    BigDecimal read() {
      stripSpaces();
      takeMark();
      boolean negative = false;
      if (start < end && text.charAt(start) == '(') {
        if (end - start < 2 || text.charAt(end - 1) != ')') {
          return null;
        }
        negative = true;
        start++;
        end--;
        stripSpaces();
        takeMark();
      } else if (start < end && (text.charAt(start) == '-' || text.charAt(start) == '+')) {
        negative = text.charAt(start) == '-';
        start++;
        // a mark may sit between the sign and the digits: -₹12
        if (!marked && takeLeadingMark()) {
          skipLeadingSpaces();
        }
      }
      return number(negative);
    }

    private void takeMark() {
      if (marked) {
        return;
      }
      if (takeLeadingMark()) {
        skipLeadingSpaces();
      } else if (takeTrailingMark()) {
        skipTrailingSpaces();
      }
    }

    private boolean takeLeadingMark() {
      int length = markLengthAt(start);
      if (length > 0) {
        start += length;
        marked = true;
      }
      return marked;
    }

    private boolean takeTrailingMark() {
      for (int length = 1; length <= 3 && length <= end - start; length++) {
        if (markLengthAt(end - length) == length) {
          end -= length;
          marked = true;
          return true;
        }
      }
      return false;
    }

    /** The length of the currency mark starting at {@code at} and ending before {@link #end}. */
    private int markLengthAt(int at) {
      int left = end - at;
      if (left < 1) {
        return 0;
      }
      char c = text.charAt(at);
      if (c == '₹' || c == '$') {
        return 1;
      }
      if (left >= 3
          && (c == 'R' || c == 'r')
          && (text.charAt(at + 1) == 's' || text.charAt(at + 1) == 'S')
          && text.charAt(at + 2) == '.') {
        return 3;
      }
      if (left >= 3 && text.regionMatches(true, at, "INR", 0, 3)) {
        return 3;
      }
      return 0;
    }

    private void stripSpaces() {
      skipLeadingSpaces();
      skipTrailingSpaces();
    }

    private void skipLeadingSpaces() {
      while (start < end && isSpace(text.charAt(start))) {
        start++;
      }
    }

    private void skipTrailingSpaces() {
      while (end > start && isSpace(text.charAt(end - 1))) {
        end--;
      }
    }

    /**
     * Reads {@code [start, end)} as digits with optional thousands grouping and an optional
     * fraction, with digits on both sides of the point. Commas, when present, must group the whole
     * integer part: the last group 3 digits, the first 1-3, and the ones between all 3 (Western) or
     * all 2 (Indian, where the first then has 1-2).
     */
    private BigDecimal number(boolean negative) {
      int digits = 0;
      int scale = 0;
      boolean inFraction = false;
      int groups = 0;
      int firstGroup = 0;
      int innerGroup = 0;
      int currentGroup = 0;
      long unscaled = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          digits++;
          currentGroup++;
          if (inFraction) {
            scale++;
          }
          if (digits <= LONG_SAFE_DIGITS) {
            unscaled = unscaled * 10 + (c - '0');
          }
        } else if (c == ',' && !inFraction) {
          if (currentGroup == 0 || currentGroup > 3) {
            return null;
          }
          if (groups == 0) {
            firstGroup = currentGroup;
          } else if (groups == 1) {
            innerGroup = currentGroup;
          } else if (currentGroup != innerGroup) {
            return null;
          }
          groups++;
          currentGroup = 0;
        } else if (c == '.' && !inFraction) {
          if (!groupingHolds(groups, firstGroup, innerGroup, currentGroup)) {
            return null;
          }
          inFraction = true;
          currentGroup = 0;
        } else {
          return null;
        }
      }
      boolean complete =
          inFraction
              ? scale > 0 && digits > scale
              : digits > 0 && groupingHolds(groups, firstGroup, innerGroup, currentGroup);
      if (!complete) {
        return null;
      }
      BigDecimal value =
          digits <= LONG_SAFE_DIGITS
              ? BigDecimal.valueOf(unscaled, scale)
              : new BigDecimal(digitsOnly(digits), 0, digits).movePointLeft(scale);
      return negative ? value.negate() : value;
    }

    /** Also no-break spaces, which spreadsheets put between a currency mark and the number. */
    private static boolean isSpace(char c) {
      return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    private static boolean groupingHolds(int groups, int first, int inner, int last) {
      if (groups == 0) {
        return true;
      }
      if (last != 3) {
        return false;
      }
      if (groups == 1 || inner == 3) {
        return true;
      }
      return inner == 2 && first <= 2;
    }

    private char[] digitsOnly(int digits) {
      char[] chars = new char[digits];
      int n = 0;
      for (int i = start; i < end; i++) {
        char c = text.charAt(i);
        if (c >= '0' && c <= '9') {
          chars[n++] = c;
        }
      }
      return chars;
    }
  }
}
