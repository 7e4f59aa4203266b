package dev.recon.ingest.results;

/**
 * CSV cells for exports. Text that a spreadsheet would run as a formula (OWASP CSV injection:
 * starting with =, +, -, @, TAB or CR) is prefixed with a quote; numbers are written by the
 * exporter itself and never pass through here, so -12.50 stays a number.
 */
public final class Csv {

  private Csv() {}

  public static String text(String value) {
    if (value == null || value.isEmpty()) {
      return "";
    }
    String safe = isFormulaLike(value) ? "'" + value : value;
    boolean quote =
        safe.indexOf(',') >= 0
            || safe.indexOf('"') >= 0
            || safe.indexOf('\n') >= 0
            || safe.indexOf('\r') >= 0;
    return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
  }

  public static boolean isFormulaLike(String value) {
    if (value.isEmpty()) {
      return false;
    }
    char first = value.charAt(0);
    return first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r';
  }
}
