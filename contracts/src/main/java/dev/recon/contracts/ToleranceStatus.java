package dev.recon.contracts;

/** SPEC §5: the outcome of the tolerance check. */
public enum ToleranceStatus {
  WITHIN_TOLERANCE("Within Tolerance"),
  TOLERANCE_BREACHED("Tolerance Breached"),
  NOT_APPLICABLE("Not Applicable");

  private final String label;

  ToleranceStatus(String label) {
    this.label = label;
  }

  /** The exact name users, exports and summaries see. */
  public String label() {
    return label;
  }

  public static ToleranceStatus fromLabel(String label) {
    for (ToleranceStatus status : values()) {
      if (status.label.equals(label)) {
        return status;
      }
    }
    throw new IllegalArgumentException("unknown tolerance status '" + label + "'");
  }
}
