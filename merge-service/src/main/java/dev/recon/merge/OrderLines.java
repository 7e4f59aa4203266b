package dev.recon.merge;

import dev.recon.contracts.Line;
import dev.recon.contracts.ReportKind;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-order aggregate in the store: every distinct line of an order, by kind, in order of
 * arrival. A line whose identity is already here is not added again (SPEC §4: one line is counted
 * once). Lines are kept without their details: the rules do not read them, the sink has them from
 * the result that added the line, and every byte here is read and written again at each new line.
 */
public record OrderLines(List<Line> mtr, List<Line> payment) {

  public static OrderLines empty() {
    return new OrderLines(List.of(), List.of());
  }

  /** This aggregate with the line added, or this same instance when the line is known. */
  public OrderLines with(Line line) {
    List<Line> sameKind = line.kind() == ReportKind.MTR ? mtr : payment;
    for (Line known : sameKind) {
      if (known.lineId().equals(line.lineId())) {
        return this;
      }
    }
    List<Line> grown = new ArrayList<>(sameKind.size() + 1);
    grown.addAll(sameKind);
    grown.add(line.withoutDetails());
    return line.kind() == ReportKind.MTR
        ? new OrderLines(List.copyOf(grown), payment)
        : new OrderLines(mtr, List.copyOf(grown));
  }
}
