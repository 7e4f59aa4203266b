package dev.recon.transform.normalise;

import dev.recon.contracts.Line;
import dev.recon.contracts.RejectedRow;

/** What becomes of one raw row (SPEC §3): a line, a filtered row, or a rejected row. */
public sealed interface Outcome permits Outcome.Kept, Outcome.Dropped, Outcome.Rejected {

  /** The row is a line of its order (or a non-order charge). */
  record Kept(Line line) implements Outcome {}

  /**
   * The row is a Cancel (MTR) or Transfer (payment): not an order event, counted as filtered.
   *
   * @param type {@code Cancel} or {@code Transfer}, whatever the row's spelling
   */
  record Dropped(String type) implements Outcome {}

  /** The row breaks a rule and goes to the dead letters, never dropped silently. */
  record Rejected(RejectedRow row) implements Outcome {}
}
