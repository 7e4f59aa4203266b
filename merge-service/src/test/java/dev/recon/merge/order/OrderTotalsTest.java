package dev.recon.merge.order;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.Line;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.ReportKind;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** SPEC §8.1-8.2: what an order's totals carry of its lines' breakdowns and dates. */
class OrderTotalsTest {

  private static int row;

  private static Line payment(String total, PayoutBreakdown breakdown) {
    row++;
    return new Line(
        "p-" + row,
        ReportKind.PAYMENT,
        "171-1",
        Line.PAYMENT,
        "Order",
        new BigDecimal(total),
        "2024-07-10T10:00:00",
        2,
        "payment.csv",
        row,
        Map.of(),
        breakdown);
  }

  private static Line mtr(String type, String invoiceDate, String shipmentDate) {
    row++;
    Map<String, String> details = new HashMap<>();
    if (shipmentDate != null) {
      details.put("shipmentdate", shipmentDate);
    }
    return new Line(
        "m-" + row,
        ReportKind.MTR,
        "171-1",
        type,
        null,
        new BigDecimal("100.00"),
        invoiceDate,
        1,
        "mtr.csv",
        row,
        details,
        null);
  }

  /** Product sales, selling fees and TCS-IGST; every other component 0. */
  private static PayoutBreakdown breakdown(
      String productSales, String sellingFees, String tcsIgst, boolean consistent) {
    List<BigDecimal> components = new ArrayList<>();
    for (String column : PayoutBreakdown.COLUMNS) {
      components.add(
          switch (column) {
            case "productsales" -> new BigDecimal(productSales);
            case "sellingfees" -> new BigDecimal(sellingFees);
            case "tcsigst" -> new BigDecimal(tcsIgst);
            default -> BigDecimal.ZERO;
          });
    }
    return new PayoutBreakdown(components, consistent);
  }

  private static OrderTotals of(Line... lines) {
    OrderTotals totals = OrderTotals.NONE;
    for (Line line : lines) {
      totals = totals.with(line);
    }
    return totals;
  }

  @Nested
  class Breakdowns {

    @Test
    void sumsTheComponentsOfTheLinesThatHaveThem() {
      OrderTotals totals =
          of(
              payment("80.00", breakdown("100.00", "-19.00", "-1.00", true)),
              payment("5.00", null),
              payment("-12.50", breakdown("0", "0", "0", false)));

      assertThat(totals.net()).isEqualByComparingTo("72.50");
      assertThat(totals.paymentLines()).isEqualTo(3);
      assertThat(totals.breakdown().sales()).isEqualByComparingTo("100.00");
      assertThat(totals.breakdown().fees()).isEqualByComparingTo("-19.00");
      assertThat(totals.breakdown().tcs()).isEqualByComparingTo("-1.00");
      assertThat(totals.inconsistentLines()).isEqualTo(1);
      assertThat(totals.breakdown().feePercent()).isEqualByComparingTo("19.00");
    }

    @Test
    void anOrderWhosePaymentLinesHaveNoBreakdownHasNone() {
      OrderTotals totals = of(payment("5.00", null), mtr(Line.SHIPMENT, null, null));

      assertThat(totals.breakdown()).isNull();
      assertThat(totals.inconsistentLines()).isZero();
    }

    @Test
    void theFeePercentIsRoundedHalfEvenAndAbsentWithoutProductSales() {
      assertThat(breakdown("619.00", "-147.32", "0", true).feePercent())
          .as("14732 / 619 = 23.799…")
          .isEqualByComparingTo("23.80");
      assertThat(breakdown("800.00", "-100.20", "0", true).feePercent())
          .as("12.525 rounds to the even 12.52")
          .isEqualByComparingTo("12.52");
      assertThat(breakdown("0", "-10.00", "0", true).feePercent()).isNull();
      assertThat(breakdown("-35.50", "0", "0", true).feePercent()).isNull();
    }
  }

  @Nested
  class ShippedDates {

    @Test
    void theEarliestShipmentDateOfTheShipmentLines() {
      OrderTotals totals =
          of(
              mtr(Line.SHIPMENT, "2024-07-01T00:00:00", "2024-07-05T09:00:00"),
              mtr(Line.SHIPMENT, "2024-07-02T00:00:00", "2024-07-03T23:59:00"),
              mtr(Line.RETURN, "2024-06-01T00:00:00", "2024-06-01T00:00:00"));

      assertThat(totals.shippedDate()).isEqualTo(LocalDate.of(2024, 7, 3));
    }

    @Test
    void elseTheEarliestInvoiceDateOfTheShipmentLines() {
      OrderTotals totals =
          of(
              mtr(Line.SHIPMENT, "2024-07-09T00:00:00", "soon"),
              mtr(Line.SHIPMENT, "2024-07-08T18:00:00", null));

      assertThat(totals.shippedDate()).isEqualTo(LocalDate.of(2024, 7, 8));
    }

    @Test
    void noneWithoutAReadableDate() {
      assertThat(of(mtr(Line.SHIPMENT, "sometime", null)).shippedDate()).isNull();
      assertThat(of(mtr(Line.RETURN, "2024-07-08T18:00:00", null)).shippedDate()).isNull();
    }
  }
}
