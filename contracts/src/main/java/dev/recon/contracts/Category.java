package dev.recon.contracts;

/** SPEC §5: an order's category, in the order its rules are tried. */
public enum Category {
  REMOVAL_ORDER_IDS("Removal Order IDs"),
  RETURN("Return"),
  NEGATIVE_PAYOUT("Negative Payout"),
  ORDER_AND_PAYMENT_RECEIVED("Order & Payment Received"),
  ORDER_NOT_APPLICABLE_BUT_PAYMENT_RECEIVED("Order Not Applicable but Payment Received"),
  PAYMENT_PENDING("Payment Pending"),
  UNCLASSIFIED("Unclassified");

  private final String label;

  Category(String label) {
    this.label = label;
  }

  /** The exact name users, exports and summaries see. */
  public String label() {
    return label;
  }

  public static Category fromLabel(String label) {
    for (Category category : values()) {
      if (category.label.equals(label)) {
        return category;
      }
    }
    throw new IllegalArgumentException("unknown category '" + label + "'");
  }
}
