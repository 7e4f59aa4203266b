package dev.recon.ingest.parse;

/** The codes of {@link FileRejectedException} and the wording shared by several formats. */
final class Rejections {

  static final String UNSUPPORTED_FORMAT = "UNSUPPORTED_FORMAT";
  static final String UNSUPPORTED_ENCODING = "UNSUPPORTED_ENCODING";
  static final String NO_HEADER = "NO_HEADER";
  static final String AMBIGUOUS_KIND = "AMBIGUOUS_KIND";
  static final String UNCLOSED_QUOTE = "UNCLOSED_QUOTE";
  static final String TOO_MANY_COLUMNS = "TOO_MANY_COLUMNS";
  static final String CELL_TOO_LONG = "CELL_TOO_LONG";
  static final String ZIP_NOT_ONE_FILE = "ZIP_NOT_ONE_FILE";
  static final String NESTED_ZIP = "NESTED_ZIP";
  static final String ENCRYPTED_ZIP = "ENCRYPTED_ZIP";
  static final String CORRUPT_ZIP = "CORRUPT_ZIP";
  static final String ZIP_BOMB = "ZIP_BOMB";
  static final String CORRUPT_WORKBOOK = "CORRUPT_WORKBOOK";
  static final String ENCRYPTED_WORKBOOK = "ENCRYPTED_WORKBOOK";
  static final String UNSAFE_WORKBOOK = "UNSAFE_WORKBOOK";

  static final String ACCEPTED_FORMATS =
      "accepted formats: CSV (, ; or TAB delimited), XLSX, XLS, or a ZIP holding exactly one of them";

  private Rejections() {}

  static FileRejectedException unsupportedFormat(String fileName) {
    return new FileRejectedException(
        UNSUPPORTED_FORMAT, fileName + ": not a CSV, XLSX, XLS or ZIP; " + ACCEPTED_FORMATS);
  }

  static FileRejectedException unsupportedFormat(String fileName, String what) {
    return new FileRejectedException(
        UNSUPPORTED_FORMAT,
        fileName + ": not a CSV, XLSX, XLS or ZIP (" + what + "); " + ACCEPTED_FORMATS);
  }

  static FileRejectedException tooManyColumns(
      String fileName, String rowWord, int row, int maxColumns) {
    return new FileRejectedException(
        TOO_MANY_COLUMNS,
        String.format(
            "%s: %s %d has more than %d columns; a row may have at most %d",
            fileName, rowWord, row, maxColumns, maxColumns));
  }

  static FileRejectedException cellTooLong(
      String fileName, String rowWord, int row, int column, int maxCellChars) {
    return new FileRejectedException(
        CELL_TOO_LONG,
        String.format(
            "%s: %s %d, column %d holds more than %d characters; a cell may hold at most %d",
            fileName, rowWord, row, column, maxCellChars, maxCellChars));
  }

  /**
   * A workbook that could not be read: XML that declares entities, a ZIP bomb caught by POI's own
   * inflate limits (see {@link ReportReader}), or else a corrupt or truncated file.
   */
  static FileRejectedException unreadableWorkbook(
      String fileName, String where, Throwable cause, ParseLimits limits) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof SecureXml.DoctypeException
          || (t.getMessage() != null && t.getMessage().contains("DOCTYPE"))) {
        return new FileRejectedException(
            UNSAFE_WORKBOOK,
            fileName
                + ": the workbook's XML declares a DOCTYPE (entities, possibly external ones),"
                + " which is refused for safety; save it again from Excel as XLSX, or export it"
                + " as CSV",
            cause);
      }
      if (t.getMessage() != null && t.getMessage().startsWith("Zip bomb detected")) {
        return new FileRejectedException(
            ZIP_BOMB,
            String.format(
                "%s: a part of the workbook expands more than %d times its compressed size or"
                    + " beyond %d bytes, so it is refused as a likely ZIP bomb",
                fileName, limits.maxInflateRatio(), limits.maxUncompressedBytes()),
            cause);
      }
    }
    return corruptWorkbook(fileName, where, cause);
  }

  static FileRejectedException corruptWorkbook(String fileName, String where, Throwable cause) {
    return new FileRejectedException(
        CORRUPT_WORKBOOK,
        fileName
            + ": the workbook is corrupt or truncated"
            + (where.isEmpty() ? "" : " " + where)
            + " and cannot be read ("
            + describe(cause)
            + "); save it again from Excel as XLSX or XLS, or export it as CSV",
        cause);
  }

  /** The first line of the innermost message, so that a person sees the cause, not a stack. */
  static String describe(Throwable problem) {
    Throwable innermost = problem;
    String message = null;
    for (Throwable t = problem; t != null; t = t.getCause()) {
      innermost = t;
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        message = t.getMessage();
      }
    }
    if (message == null) {
      return innermost.getClass().getSimpleName();
    }
    int lineBreak = message.indexOf('\n');
    return (lineBreak < 0 ? message : message.substring(0, lineBreak)).strip();
  }
}
