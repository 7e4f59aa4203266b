package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import org.jspecify.annotations.Nullable;

/**
 * The file being read and how to speak of it.
 *
 * @param shownName the name messages use: the uploaded file's, or for a zipped report the entry's
 *     and the ZIP's
 * @param fileName the uploaded file's own base name
 * @param kind the kind named by the caller, or null to detect it from the header
 */
record Upload(String shownName, String fileName, @Nullable ReportKind kind) {

  static Upload of(String fileName, @Nullable ReportKind kind) {
    return new Upload(fileName, fileName, kind);
  }

  /** The report inside this ZIP, known by its entry's base name. */
  Upload entry(String entryName) {
    return new Upload(entryName + " in " + fileName, fileName, kind);
  }

  HeaderSearch headerSearch() {
    return new HeaderSearch(shownName, fileName, kind);
  }
}
