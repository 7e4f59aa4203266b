package dev.recon.merge.sink;

import dev.recon.contracts.Line;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.line.Dates;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The columns of a line that the ledger's figures of SPEC §8 read: the calendar date of a payment
 * line (the latest is the as-of date of ageing), and for a line with a breakdown the taxes withheld
 * and the month they are filed under.
 */
record LineMoney(LocalDate paidOn, PayoutBreakdown breakdown) {

  static final String UNKNOWN_MONTH = "unknown";

  static LineMoney of(Line line) {
    LocalDate paidOn =
        line.kind() == ReportKind.PAYMENT
            ? Dates.parse(line.date()).map(LocalDateTime::toLocalDate).orElse(null)
            : null;
    return new LineMoney(paidOn, line.breakdown());
  }

  /** 'YYYY-MM' of the line's date, or 'unknown' when it has none readable. */
  String taxMonth() {
    return paidOn == null
        ? UNKNOWN_MONTH
        : String.format("%04d-%02d", paidOn.getYear(), paidOn.getMonthValue());
  }

  /** Sets paid_on, tax_month, the four taxes and consistent, from parameter {@code first}. */
  void set(PreparedStatement statement, int first) throws SQLException {
    statement.setObject(first, paidOn, Types.DATE);
    statement.setString(first + 1, breakdown == null ? null : taxMonth());
    statement.setBigDecimal(first + 2, tax("tcscgst"));
    statement.setBigDecimal(first + 3, tax("tcssgst"));
    statement.setBigDecimal(first + 4, tax("tcsigst"));
    statement.setBigDecimal(first + 5, tax("tdssection194o"));
    statement.setObject(
        first + 6, breakdown == null ? null : breakdown.consistent(), Types.BOOLEAN);
  }

  private BigDecimal tax(String column) {
    return breakdown == null ? null : breakdown.component(column);
  }
}
