package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Finds the header row (SPEC §1 preamble, kind): the first row within the first 30 that holds every
 * required column of the kind. While looking, it remembers, per kind, the row that came closest, so
 * that a refusal can say which columns are missing. One search may be shown the rows of several
 * readings of the same file (one per CSV delimiter); the closest row over all of them counts.
 */
final class HeaderSearch {

  /** The header must start within this many physical lines or sheet rows (datasets README, 9). */
  static final int LAST_HEADER_ROW = 30;

  private final String fileName;
  private final String uploadName;
  private final @Nullable ReportKind requestedKind;
  private final Map<ReportKind, List<String>> fewestMissing = new EnumMap<>(ReportKind.class);

  /**
   * @param fileName the name used in messages (for a zipped report, the entry and the ZIP)
   * @param uploadName the uploaded file's own name, which breaks a tie when guessing the kind
   * @param requestedKind the kind named by the caller, or null to detect it from the header
   */
  HeaderSearch(String fileName, String uploadName, @Nullable ReportKind requestedKind) {
    this.fileName = fileName;
    this.uploadName = uploadName;
    this.requestedKind = requestedKind;
    for (ReportKind kind : candidateKinds()) {
      fewestMissing.put(kind, kind.requiredColumns());
    }
  }

  /** The header, if this row is it; rows after {@link #LAST_HEADER_ROW} are not to be shown. */
  @Nullable Header examine(SourceRow row, String rowWord) throws FileRejectedException {
    Map<String, Integer> columns = firstColumnByName(row);
    List<ReportKind> fitting = new ArrayList<>(2);
    for (ReportKind kind : candidateKinds()) {
      List<String> missing = new ArrayList<>();
      for (String required : kind.requiredColumns()) {
        if (!columns.containsKey(required)) {
          missing.add(required);
        }
      }
      if (missing.size() < fewestMissing.get(kind).size()) {
        fewestMissing.put(kind, missing);
      }
      if (missing.isEmpty()) {
        fitting.add(kind);
      }
    }
    if (fitting.size() > 1) {
      throw new FileRejectedException(
          Rejections.AMBIGUOUS_KIND,
          String.format(
              "%s: the header on %s %d fits both mtr and payment (it has %s and %s); name the kind"
                  + " of report (mtr or payment) when uploading it",
              fileName,
              rowWord,
              row.number(),
              String.join(", ", ReportKind.MTR.requiredColumns()),
              String.join(", ", ReportKind.PAYMENT.requiredColumns())));
    }
    if (fitting.isEmpty()) {
      return null;
    }
    ReportKind kind = fitting.get(0);
    List<String> read = kind.readColumns();
    int[] columnOfRead = new int[read.size()];
    for (int i = 0; i < columnOfRead.length; i++) {
      columnOfRead[i] = columns.getOrDefault(read.get(i), -1);
    }
    return new Header(kind, row.number(), columnOfRead);
  }

  /**
   * The refusal when no row was the header. Its wording is compared by the expected outputs: {@code
   * no header row with the required mtr columns within the first 30 rows; missing: ...}.
   */
  FileRejectedException noHeader() {
    ReportKind named = requestedKind != null ? requestedKind : likeliestKind();
    String message;
    if (named != null) {
      message =
          String.format(
              "no header row with the required %s columns within the first %d rows; missing: %s",
              named.id(), LAST_HEADER_ROW, String.join(", ", fewestMissing.get(named)));
    } else {
      message =
          String.format(
              "no header row with the required mtr or payment columns within the first %d rows;"
                  + " missing: %s (mtr) or %s (payment)",
              LAST_HEADER_ROW,
              String.join(", ", fewestMissing.get(ReportKind.MTR)),
              String.join(", ", fewestMissing.get(ReportKind.PAYMENT)));
    }
    return new FileRejectedException(Rejections.NO_HEADER, message);
  }

  private List<ReportKind> candidateKinds() {
    return requestedKind != null ? List.of(requestedKind) : List.of(ReportKind.values());
  }

  /** The kind that came closest; on a tie the one the file name starts with; else null. */
  private @Nullable ReportKind likeliestKind() {
    int mtrMissing = fewestMissing.get(ReportKind.MTR).size();
    int paymentMissing = fewestMissing.get(ReportKind.PAYMENT).size();
    if (mtrMissing != paymentMissing) {
      return mtrMissing < paymentMissing ? ReportKind.MTR : ReportKind.PAYMENT;
    }
    String name = uploadName.toLowerCase(Locale.ROOT);
    for (ReportKind kind : ReportKind.values()) {
      if (name.startsWith(kind.id())) {
        return kind;
      }
    }
    return null;
  }

  private static Map<String, Integer> firstColumnByName(SourceRow row) {
    Map<String, Integer> columns = new HashMap<>();
    for (int column = 0; column < row.size(); column++) {
      String cell = row.cell(column);
      if (cell != null) {
        columns.putIfAbsent(ReportKind.normaliseColumnName(cell), column);
      }
    }
    return columns;
  }
}
