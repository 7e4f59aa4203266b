package dev.recon.ingest.results;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which orders a table or export shows: exact category and tolerance status, and a part of the
 * order id (any case). Every value reaches SQL as a bind parameter.
 */
public record OrderFilter(String category, String tolerance, String query) {

  String whereClause() {
    return whereClause(List.of());
  }

  /** The filter's conditions and {@code more}, all to hold. */
  String whereClause(List<String> more) {
    List<String> conditions = new ArrayList<>();
    if (present(category)) {
      conditions.add("category = ?");
    }
    if (present(tolerance)) {
      conditions.add("tolerance_status = ?");
    }
    if (present(query)) {
      conditions.add("lower(order_id) like ? escape '\\'");
    }
    conditions.addAll(more);
    return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
  }

  List<Object> parameters() {
    List<Object> parameters = new ArrayList<>();
    if (present(category)) {
      parameters.add(category);
    }
    if (present(tolerance)) {
      parameters.add(tolerance);
    }
    if (present(query)) {
      String literal =
          query
              .strip()
              .toLowerCase(Locale.ROOT)
              .replace("\\", "\\\\")
              .replace("%", "\\%")
              .replace("_", "\\_");
      parameters.add("%" + literal + "%");
    }
    return parameters;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
