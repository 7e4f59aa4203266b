package dev.recon.ingest.parse;

/**
 * Bounds that keep one hostile or broken upload from exhausting memory or disk.
 *
 * @param maxUncompressedBytes the most bytes a ZIP entry (a zipped report or a part of an XLSX) may
 *     expand to
 * @param maxInflateRatio the most times an entry may expand relative to its compressed size; more
 *     is treated as a ZIP bomb
 * @param maxColumns the most cells with values a row may have (in a CSV line, the most fields)
 * @param maxCellChars the most characters one cell may hold
 */
public record ParseLimits(
    long maxUncompressedBytes, int maxInflateRatio, int maxColumns, int maxCellChars) {

  public ParseLimits {
    if (maxUncompressedBytes <= 0 || maxInflateRatio <= 0 || maxColumns <= 0 || maxCellChars <= 0) {
      throw new IllegalArgumentException(
          String.format(
              "parse limits must be positive: %d bytes, ratio %d, %d columns, %d characters",
              maxUncompressedBytes, maxInflateRatio, maxColumns, maxCellChars));
    }
  }

  /**
   * 2 GiB expanded, a ratio of 100 (POI's own default), 2,000 cells with values per row, 100,000
   * characters.
   */
  public static ParseLimits defaults() {
    return new ParseLimits(2L * 1024 * 1024 * 1024, 100, 2_000, 100_000);
  }
}
