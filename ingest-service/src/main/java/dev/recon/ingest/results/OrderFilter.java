package dev.recon.ingest.results;

import dev.recon.contracts.Category;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which orders a table or export shows: exact category and tolerance status, a part of the order id
 * (any case), and for unpaid orders an age bucket and whether they are overdue (SPEC §8.2, by the
 * ledger's {@code ageing} rules). Every value reaches SQL as a bind parameter.
 */
public record OrderFilter(
    String category,
    String tolerance,
    String query,
    AgeingBucket ageing,
    Boolean overdue,
    Ageing.Rules ageingRules) {

  /** A filter on category, tolerance and order id only. */
  public OrderFilter(String category, String tolerance, String query) {
    this(category, tolerance, query, null, null, null);
  }

  /** One condition and its bind parameters. */
  private record Condition(String sql, List<Object> parameters) {}

  String whereClause() {
    return whereClause(List.of());
  }

  /** The filter's conditions and {@code more}, all to hold. */
  String whereClause(List<String> more) {
    List<String> sql = new ArrayList<>();
    for (Condition condition : conditions()) {
      sql.add(condition.sql());
    }
    sql.addAll(more);
    return sql.isEmpty() ? "" : " where " + String.join(" and ", sql);
  }

  List<Object> parameters() {
    List<Object> parameters = new ArrayList<>();
    for (Condition condition : conditions()) {
      parameters.addAll(condition.parameters());
    }
    return parameters;
  }

  private List<Condition> conditions() {
    List<Condition> conditions = new ArrayList<>();
    if (present(category)) {
      conditions.add(new Condition("category = ?", List.of(category)));
    }
    if (present(tolerance)) {
      conditions.add(new Condition("tolerance_status = ?", List.of(tolerance)));
    }
    if (present(query)) {
      String literal =
          query
              .strip()
              .toLowerCase(Locale.ROOT)
              .replace("\\", "\\\\")
              .replace("%", "\\%")
              .replace("_", "\\_");
      conditions.add(
          new Condition("lower(order_id) like ? escape '\\'", List.of("%" + literal + "%")));
    }
    if (ageing != null || overdue != null) {
      conditions.addAll(ageingConditions());
    }
    return conditions;
  }

  /**
   * Unpaid orders by how long ago they shipped, as ranges of shipped dates, which the partial index
   * of unpaid orders by shipped date answers.
   */
  private List<Condition> ageingConditions() {
    List<Condition> conditions = new ArrayList<>();
    conditions.add(new Condition("category = ?", List.of(Category.PAYMENT_PENDING.label())));
    if (ageingRules == null || ageingRules.asOf() == null) {
      // A ledger without a payment date ages nothing.
      conditions.add(new Condition("false", List.of()));
      return conditions;
    }
    if (ageing == AgeingBucket.NO_DATE) {
      conditions.add(new Condition("shipped_date is null", List.of()));
    } else if (ageing != null) {
      if (ageing.fromDays() > 0) {
        conditions.add(
            new Condition(
                "shipped_date <= ?", List.of(ageingRules.asOf().minusDays(ageing.fromDays()))));
      }
      if (ageing.toDays() != null) {
        conditions.add(
            new Condition(
                "shipped_date >= ?", List.of(ageingRules.asOf().minusDays(ageing.toDays()))));
      } else {
        conditions.add(new Condition("shipped_date is not null", List.of()));
      }
    }
    if (overdue != null) {
      conditions.add(
          overdue
              ? new Condition("shipped_date <= ?", List.of(ageingRules.lastOverdueShippedDate()))
              : new Condition(
                  "(shipped_date is null or shipped_date > ?)",
                  List.of(ageingRules.lastOverdueShippedDate())));
    }
    return conditions;
  }

  private static boolean present(String value) {
    return value != null && !value.isBlank();
  }
}
