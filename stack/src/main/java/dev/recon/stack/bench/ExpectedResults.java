package dev.recon.stack.bench;

import dev.recon.stack.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * What {@code GET /api/summary} must say after a generated set is reconciled on an empty stack,
 * known by construction: the generator hands every order's rows to a {@link Tally}, which applies
 * SPEC §3 and §5 to them. Exact for the clean rows the generator writes (no duplicates, no rows a
 * rule rejects), with the default tolerance bands.
 *
 * @param mtrRows data rows of the MTR file, Cancel rows included
 * @param paymentRows data rows of the payment file, Transfer rows included
 * @param categories orders per SPEC §5 category, every category present
 * @param tolerance orders per tolerance status, every status present
 * @param nonOrderCharges per description ({@code (blank)} for none)
 */
record ExpectedResults(
    long mtrRows,
    long paymentRows,
    Map<String, Long> categories,
    Map<String, Long> tolerance,
    Map<String, Charge> nonOrderCharges,
    long orders,
    long mtrLines,
    long paymentLines,
    BigDecimal shipmentInvoiceAmount,
    BigDecimal netAmount) {

  static final List<String> CATEGORIES =
      List.of(
          "Removal Order IDs",
          "Return",
          "Negative Payout",
          "Order & Payment Received",
          "Order Not Applicable but Payment Received",
          "Payment Pending",
          "Unclassified");
  static final List<String> TOLERANCE =
      List.of("Within Tolerance", "Tolerance Breached", "Not Applicable");

  /** The default bands of SPEC §5: upper bound of the net amount in paise, minimum percent. */
  private static final long[][] BANDS = {{30_000, 50}, {50_000, 45}, {90_000, 43}, {150_000, 38}};

  private static final long LAST_BAND_MINIMUM = 30;
  static final int REMOVAL_ID_LENGTH = 10;

  /** One description's non-order charges. */
  record Charge(long lines, BigDecimal amount) {}

  long rows() {
    return mtrRows + paymentRows;
  }

  /** The minimum payout percent of the band that {@code netPaise} falls in. */
  static long bandMinimum(long netPaise) {
    for (long[] band : BANDS) {
      if (netPaise <= band[0]) {
        return band[1];
      }
    }
    return LAST_BAND_MINIMUM;
  }

  /** Every way {@code summary} (the gateway's JSON) differs from this; empty when it matches. */
  List<String> differences(JsonNode summary) {
    List<String> problems = new ArrayList<>();
    counts("categories", categories, summary.path("categories"), problems);
    counts("tolerance", tolerance, summary.path("tolerance"), problems);
    JsonNode totals = summary.path("totals");
    count("totals.orders", orders, totals.path("orders"), problems);
    count("totals.mtr_lines", mtrLines, totals.path("mtr_lines"), problems);
    count("totals.payment_lines", paymentLines, totals.path("payment_lines"), problems);
    amount(
        "totals.shipment_invoice_amount",
        shipmentInvoiceAmount,
        totals.path("shipment_invoice_amount"),
        problems);
    amount("totals.net_amount", netAmount, totals.path("net_amount"), problems);
    Map<String, JsonNode> charges = new TreeMap<>();
    for (JsonNode charge : summary.path("non_order_charges")) {
      charges.put(Json.text(charge.path("description")), charge);
    }
    for (Map.Entry<String, Charge> want : nonOrderCharges.entrySet()) {
      JsonNode got = charges.remove(want.getKey());
      String name = "non_order_charges[" + want.getKey() + "]";
      if (got == null) {
        problems.add(name + ": missing");
        continue;
      }
      count(name + ".lines", want.getValue().lines(), got.path("lines"), problems);
      amount(name + ".amount", want.getValue().amount(), got.path("amount"), problems);
    }
    charges.keySet().forEach(extra -> problems.add("non_order_charges[" + extra + "]: unexpected"));
    return problems;
  }

  private static void counts(
      String name, Map<String, Long> want, JsonNode got, List<String> problems) {
    for (Map.Entry<String, Long> entry : want.entrySet()) {
      count(name + "." + entry.getKey(), entry.getValue(), got.path(entry.getKey()), problems);
    }
    for (String key : got.propertyNames()) {
      if (!want.containsKey(key)) {
        problems.add(name + "." + key + ": unexpected");
      }
    }
  }

  private static void count(String name, long want, JsonNode got, List<String> problems) {
    if (!got.isIntegralNumber() || got.asLong() != want) {
      problems.add(name + ": expected " + want + ", got " + Json.text(got));
    }
  }

  private static void amount(String name, BigDecimal want, JsonNode got, List<String> problems) {
    String text = Json.text(got);
    BigDecimal value;
    try {
      value = text == null ? null : new BigDecimal(text);
    } catch (NumberFormatException e) {
      value = null;
    }
    if (value == null || value.compareTo(want) != 0) {
      problems.add(name + ": expected " + want.toPlainString() + ", got " + text);
    }
  }

  /** Counts orders as the generator finishes each one. */
  static final class Tally {
    private final Map<String, Long> categories = new LinkedHashMap<>();
    private final Map<String, Long> tolerance = new LinkedHashMap<>();
    private final Map<String, long[]> charges = new TreeMap<>();
    private long mtrRows;
    private long paymentRows;
    private long orders;
    private long mtrLines;
    private long paymentLines;
    private long shipmentPaise;
    private long netPaise;

    Tally() {
      CATEGORIES.forEach(c -> categories.put(c, 0L));
      TOLERANCE.forEach(t -> tolerance.put(t, 0L));
    }

    /** One order's rows, or with a blank id one non-order payment row. */
    void add(String orderId, List<Object[]> mtr, List<Object[]> payment) {
      mtrRows += mtr.size();
      paymentRows += payment.size();
      if (orderId.isEmpty()) {
        for (Object[] row : payment) {
          if (!"Transfer".equals(row[ReportLayout.PAY_TYPE])) {
            String description = (String) row[ReportLayout.PAY_DESCRIPTION];
            long[] charge =
                charges.computeIfAbsent(
                    description.isEmpty() ? "(blank)" : description, d -> new long[2]);
            charge[0]++;
            charge[1] += (Long) row[ReportLayout.PAY_TOTAL];
          }
        }
        return;
      }
      long kept = 0;
      long ship = 0;
      boolean hasShip = false;
      boolean hasReturn = false;
      for (Object[] row : mtr) {
        String type = (String) row[ReportLayout.MTR_TYPE];
        long amount = (Long) row[ReportLayout.MTR_INVOICE_AMOUNT];
        switch (type) {
          case "Cancel" -> {
            continue;
          }
          case "Shipment" -> {
            hasShip = true;
            ship += amount;
          }
          case "Refund", "FreeReplacement" -> hasReturn = true;
          default -> {
            // another MTR type counts as a line of the order and decides nothing
          }
        }
        kept++;
      }
      long net = 0;
      for (Object[] row : payment) {
        net += (Long) row[ReportLayout.PAY_TOTAL];
      }
      boolean hasNet = !payment.isEmpty();
      if (kept + payment.size() == 0) {
        return;
      }
      String category;
      if (orderId.length() == REMOVAL_ID_LENGTH) {
        category = CATEGORIES.get(0);
      } else if (hasReturn) {
        category = CATEGORIES.get(1);
      } else if (hasNet && net < 0) {
        category = CATEGORIES.get(2);
      } else if (hasShip && hasNet) {
        category = CATEGORIES.get(3);
      } else if (hasNet) {
        category = CATEGORIES.get(4);
      } else if (hasShip) {
        category = CATEGORIES.get(5);
      } else {
        category = CATEGORIES.get(6);
      }
      String status = TOLERANCE.get(2);
      if (category.equals(CATEGORIES.get(3)) && ship > 0) {
        status = net * 100 > bandMinimum(net) * ship ? TOLERANCE.get(0) : TOLERANCE.get(1);
      }
      categories.merge(category, 1L, Long::sum);
      tolerance.merge(status, 1L, Long::sum);
      orders++;
      mtrLines += kept;
      paymentLines += payment.size();
      shipmentPaise += ship;
      netPaise += net;
    }

    ExpectedResults result() {
      Map<String, Charge> nonOrder = new TreeMap<>();
      charges.forEach(
          (description, c) ->
              nonOrder.put(description, new Charge(c[0], BigDecimal.valueOf(c[1], 2))));
      return new ExpectedResults(
          mtrRows,
          paymentRows,
          Map.copyOf(categories),
          Map.copyOf(tolerance),
          nonOrder,
          orders,
          mtrLines,
          paymentLines,
          BigDecimal.valueOf(shipmentPaise, 2),
          BigDecimal.valueOf(netPaise, 2));
    }
  }
}
