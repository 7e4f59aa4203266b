package dev.recon.merge.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.contracts.Category;
import dev.recon.contracts.Line;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.ToleranceStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OrderRulesTest {

  private static final ToleranceBands BANDS = ToleranceBands.defaults();

  private static int rowNumber;

  private static Line mtr(String transactionType, String amount) {
    rowNumber++;
    return new Line(
        "mtr-" + rowNumber,
        ReportKind.MTR,
        "order",
        transactionType,
        null,
        new BigDecimal(amount),
        null,
        1,
        "mtr.csv",
        rowNumber,
        Map.of(),
        null);
  }

  private static Line shipment(String amount) {
    return mtr(Line.SHIPMENT, amount);
  }

  private static Line refund(String amount) {
    return mtr(Line.RETURN, amount);
  }

  private static Line payment(String paymentType, String amount) {
    rowNumber++;
    return new Line(
        "payment-" + rowNumber,
        ReportKind.PAYMENT,
        "order",
        Line.PAYMENT,
        paymentType,
        new BigDecimal(amount),
        null,
        2,
        "payment.csv",
        rowNumber,
        Map.of(),
        null);
  }

  private static Line paid(String amount) {
    return payment("Order", amount);
  }

  private static OrderResult evaluate(String orderId, List<Line> mtr, List<Line> payment) {
    return evaluate(orderId, mtr, payment, lastOf(mtr, payment), BANDS);
  }

  private static OrderResult evaluate(
      String orderId, List<Line> mtr, List<Line> payment, Line added, ToleranceBands bands) {
    OrderTotals totals = OrderTotals.NONE;
    for (Line line : mtr) {
      totals = totals.with(line);
    }
    for (Line line : payment) {
      totals = totals.with(line);
    }
    return OrderRules.evaluate(orderId, totals, added, bands);
  }

  private static Line lastOf(List<Line> mtr, List<Line> payment) {
    return payment.isEmpty() ? mtr.get(mtr.size() - 1) : payment.get(payment.size() - 1);
  }

  private static String display(BigDecimal percent) {
    return percent.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
  }

  @Nested
  class ToleranceCases {

    /** edge/CASES.md "Tolerance bands", one shipment and one payment line each. */
    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
      "402-0000001-0000001, 600.00, 300.00, 50.00, TOLERANCE_BREACHED",
      "402-0000001-0000002, 631.58, 300.00, 47.50, TOLERANCE_BREACHED",
      "402-0000001-0000003, 631.58, 300.01, 47.50, WITHIN_TOLERANCE",
      "402-0000001-0000004, 1136.36, 500.00, 44.00, TOLERANCE_BREACHED",
      "402-0000001-0000005, 1136.36, 500.01, 44.00, WITHIN_TOLERANCE",
      "402-0000001-0000006, 2200.00, 900.00, 40.91, TOLERANCE_BREACHED",
      "402-0000001-0000007, 2200.00, 900.01, 40.91, WITHIN_TOLERANCE",
      "402-0000001-0000008, 4411.76, 1500.00, 34.00, TOLERANCE_BREACHED",
      "402-0000001-0000009, 4411.76, 1500.01, 34.00, WITHIN_TOLERANCE",
      "402-0000001-0000010, 200.00, 100.00, 50.00, TOLERANCE_BREACHED",
      "402-0000001-0000011, 1000.00, 450.00, 45.00, TOLERANCE_BREACHED",
      "402-0000001-0000012, 1500.00, 645.00, 43.00, TOLERANCE_BREACHED",
      "402-0000001-0000013, 3000.00, 1140.00, 38.00, TOLERANCE_BREACHED",
      "402-0000001-0000014, 10000.00, 3000.00, 30.00, TOLERANCE_BREACHED",
      "402-0000001-0000015, 200.00, 100.02, 50.01, WITHIN_TOLERANCE",
      "402-0000001-0000016, 10000.00, 3001.00, 30.01, WITHIN_TOLERANCE",
      "405-0000004-0000003, 1000.00, 450.00, 45.00, TOLERANCE_BREACHED",
    })
    void judgesTheEdgeCase(
        String orderId, String shipment, String net, String percent, ToleranceStatus status) {
      OrderResult result = evaluate(orderId, List.of(shipment(shipment)), List.of(paid(net)));

      assertThat(result.category()).isEqualTo(Category.ORDER_AND_PAYMENT_RECEIVED);
      assertThat(result.toleranceStatus()).isEqualTo(status);
      assertThat(result.shipmentInvoiceAmount()).isEqualTo(new BigDecimal(shipment));
      assertThat(result.netAmount()).isEqualTo(new BigDecimal(net));
      assertThat(result.returnInvoiceAmount()).isNull();
      assertThat(display(result.payoutPercent())).isEqualTo(percent);
      assertThat(result.mtrLines()).isEqualTo(1);
      assertThat(result.paymentLines()).isEqualTo(1);
    }

    @Test
    void keepsThePercentExactToTenPlaces() {
      OrderResult result =
          evaluate("402-0000001-0000002", List.of(shipment("631.58")), List.of(paid("300.00")));

      assertThat(result.payoutPercent()).isEqualTo(new BigDecimal("47.4999208335"));
    }

    @Test
    void aNetOfZeroIsInTheLowestBand() {
      OrderResult result =
          evaluate(
              "402-0000001-0000017",
              List.of(shipment("500.00")),
              List.of(paid("120.00"), payment("Order", "-120.00")));

      assertThat(result.netAmount()).isEqualByComparingTo("0");
      assertThat(display(result.payoutPercent())).isEqualTo("0.00");
      assertThat(result.category()).isEqualTo(Category.ORDER_AND_PAYMENT_RECEIVED);
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.TOLERANCE_BREACHED);
      assertThat(result.paymentLines()).isEqualTo(2);
    }

    @Test
    void aZeroInvoiceHasNoPercentAndNoTolerance() {
      OrderResult result =
          evaluate("402-0000001-0000018", List.of(shipment("0.00")), List.of(paid("50.00")));

      assertThat(result.category()).isEqualTo(Category.ORDER_AND_PAYMENT_RECEIVED);
      assertThat(result.shipmentInvoiceAmount()).isEqualByComparingTo("0");
      assertThat(result.payoutPercent()).isNull();
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    }

    @Test
    void sumsSeveralShipmentsAndPayments() {
      OrderResult result =
          evaluate(
              "402-0000001-0000019",
              List.of(shipment("400.00"), shipment("600.00")),
              List.of(paid("350.00"), paid("330.00")));

      assertThat(result.shipmentInvoiceAmount()).isEqualTo(new BigDecimal("1000.00"));
      assertThat(result.netAmount()).isEqualTo(new BigDecimal("680.00"));
      assertThat(display(result.payoutPercent())).isEqualTo("68.00");
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
      assertThat(result.mtrLines()).isEqualTo(2);
      assertThat(result.paymentLines()).isEqualTo(2);
    }

    @Test
    void roundsThePercentHalfEvenOnlyForDisplay() {
      OrderResult result =
          evaluate("404-0000003-0000003", List.of(shipment("2000.00")), List.of(paid("1234.50")));

      assertThat(result.payoutPercent()).isEqualTo(new BigDecimal("61.7250000000"));
      assertThat(display(result.payoutPercent())).isEqualTo("61.72");
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
    }

    @Test
    void usesTheConfiguredBands() {
      ToleranceBands strict = ToleranceBands.parse("*:90");

      OrderResult result =
          evaluate(
              "402-0000001-0000019",
              List.of(shipment("1000")),
              List.of(paid("680")),
              paid("680"),
              strict);

      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.TOLERANCE_BREACHED);
    }
  }

  @Nested
  class CategoryCases {

    @Test
    void aTenCharacterOrderIdIsARemovalBeforeAnyOtherRule() {
      OrderResult withShipment =
          evaluate("XyZ0123456", List.of(shipment("500.00")), List.of(paid("400.00")));
      OrderResult negative = evaluate("Rm0vAL1d01", List.of(), List.of(payment("Order", "-45")));
      OrderResult otherCase = evaluate("rm0val1d01", List.of(), List.of(paid("12.00")));
      OrderResult withReturn =
          evaluate("Rm0vAL1d02", List.of(shipment("10"), refund("-10")), List.of());

      assertThat(List.of(withShipment, negative, otherCase, withReturn))
          .extracting(OrderResult::category)
          .containsOnly(Category.REMOVAL_ORDER_IDS);
      assertThat(withShipment.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
      assertThat(display(withShipment.payoutPercent())).isEqualTo("80.00");
      assertThat(otherCase.orderId()).isEqualTo("rm0val1d01");
    }

    @ParameterizedTest
    @CsvSource({"123456789", "12345678901", "403-0000002-0000010"})
    void otherOrderIdLengthsAreNoRemoval(String orderId) {
      assertThat(evaluate(orderId, List.of(), List.of(paid("410.00"))).category())
          .isEqualTo(Category.ORDER_NOT_APPLICABLE_BUT_PAYMENT_RECEIVED);
    }

    @Test
    void aReturnBeatsANegativePayout() {
      OrderResult result =
          evaluate(
              "403-0000002-0000004",
              List.of(shipment("999"), refund("-999")),
              List.of(payment("Order", "-50.00")));

      assertThat(result.category()).isEqualTo(Category.RETURN);
      assertThat(result.shipmentInvoiceAmount()).isEqualByComparingTo("999");
      assertThat(result.returnInvoiceAmount()).isEqualByComparingTo("-999");
      assertThat(result.payoutPercent()).isEqualTo(new BigDecimal("-5.0050050050"));
      assertThat(display(result.payoutPercent())).isEqualTo("-5.01");
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    }

    @Test
    void aReturnOfZeroIsPresent() {
      OrderResult result = evaluate("403-0000002-0000005", List.of(refund("0.00")), List.of());

      assertThat(result.category()).isEqualTo(Category.RETURN);
      assertThat(result.returnInvoiceAmount()).isEqualByComparingTo("0");
      assertThat(result.shipmentInvoiceAmount()).isNull();
      assertThat(result.netAmount()).isNull();
      assertThat(result.payoutPercent()).isNull();
    }

    @Test
    void aReturnAlone() {
      OrderResult result = evaluate("403-0000002-0000006", List.of(refund("-250.00")), List.of());

      assertThat(result.category()).isEqualTo(Category.RETURN);
      assertThat(result.returnInvoiceAmount()).isEqualTo(new BigDecimal("-250.00"));
    }

    @Test
    void aReturnWithAShipmentAndNoPayment() {
      OrderResult result =
          evaluate("403-0000002-0000007", List.of(refund("799.00"), shipment("799.00")), List.of());

      assertThat(result.category()).isEqualTo(Category.RETURN);
      assertThat(result.mtrLines()).isEqualTo(2);
      assertThat(result.paymentLines()).isZero();
    }

    @Test
    void aReturnWithPaymentsThatCancelOut() {
      OrderResult result =
          evaluate(
              "403-0000002-0000017",
              List.of(shipment("350.00"), refund("-350.00")),
              List.of(paid("350.00"), payment("Return", "-350.00")));

      assertThat(result.category()).isEqualTo(Category.RETURN);
      assertThat(result.netAmount()).isEqualTo(new BigDecimal("0.00"));
    }

    @Test
    void aNegativeNetWithAShipment() {
      OrderResult result =
          evaluate("403-0000002-0000008", List.of(shipment("299.00")), List.of(paid("-35.50")));

      assertThat(result.category()).isEqualTo(Category.NEGATIVE_PAYOUT);
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    }

    @Test
    void aNegativeNetWithoutAShipmentIsANegativePayoutBeforeRule5() {
      OrderResult result =
          evaluate("403-0000002-0000009", List.of(), List.of(payment("Order", "-80.00")));

      assertThat(result.category()).isEqualTo(Category.NEGATIVE_PAYOUT);
      assertThat(result.shipmentInvoiceAmount()).isNull();
      assertThat(result.payoutPercent()).isNull();
    }

    @Test
    void aPaymentWithoutAShipment() {
      OrderResult result = evaluate("403-0000002-0000010", List.of(), List.of(paid("410.00")));

      assertThat(result.category()).isEqualTo(Category.ORDER_NOT_APPLICABLE_BUT_PAYMENT_RECEIVED);
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
      assertThat(result.netAmount()).isEqualTo(new BigDecimal("410.00"));
    }

    @Test
    void aShipmentWithoutAPayment() {
      OrderResult result = evaluate("403-0000002-0000011", List.of(shipment("250.00")), List.of());

      assertThat(result.category()).isEqualTo(Category.PAYMENT_PENDING);
      assertThat(result.netAmount()).isNull();
      assertThat(result.payoutPercent()).isNull();
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    }

    @Test
    void onlyLinesOfAnotherMtrTypeAreUnclassified() {
      OrderResult result =
          evaluate("403-0000002-0000013", List.of(mtr("Liquidations", "120.00")), List.of());

      assertThat(result.category()).isEqualTo(Category.UNCLASSIFIED);
      assertThat(result.shipmentInvoiceAmount()).isNull();
      assertThat(result.returnInvoiceAmount()).isNull();
      assertThat(result.netAmount()).isNull();
      assertThat(result.mtrLines()).isEqualTo(1);
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.NOT_APPLICABLE);
    }

    @Test
    void anotherMtrTypeCountsAsALineButInNoSum() {
      OrderResult result =
          evaluate(
              "403-0000002-0000099",
              List.of(shipment("100.00"), mtr("Liquidations", "5000.00")),
              List.of(paid("60.00")));

      assertThat(result.shipmentInvoiceAmount()).isEqualTo(new BigDecimal("100.00"));
      assertThat(result.mtrLines()).isEqualTo(2);
      assertThat(result.toleranceStatus()).isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
    }

    @Test
    void everyKeptPaymentTypeCountsInTheNet() {
      OrderResult result =
          evaluate(
              "405-0000004-0000011",
              List.of(),
              List.of(paid("500.00"), payment("Order", "25.00"), payment("Deal Fee", "25.00")));

      assertThat(result.netAmount()).isEqualTo(new BigDecimal("550.00"));
      assertThat(result.paymentLines()).isEqualTo(3);
    }
  }

  @Test
  void carriesOnlyTheLineThatArrived() {
    Line first = shipment("1");
    Line second = mtr("Liquidations", "2");
    Line third = paid("3");

    OrderResult result =
        evaluate("403-0000002-0000001", List.of(first, second), List.of(third), second, BANDS);

    assertThat(result.lines()).containsExactly(second);
    assertThat(result.mtrLines()).isEqualTo(2);
    assertThat(result.paymentLines()).isEqualTo(1);
    assertThat(result.orderId()).isEqualTo("403-0000002-0000001");
  }

  @Test
  void theResultDoesNotChangeWithItsInputs() {
    List<Line> mtr = new ArrayList<>(List.of(shipment("1")));

    OrderResult result = evaluate("403-0000002-0000001", mtr, List.of());
    mtr.add(shipment("2"));

    assertThat(result.mtrLines()).isEqualTo(1);
    assertThat(result.shipmentInvoiceAmount()).isEqualByComparingTo("1");
    assertThatThrownBy(() -> result.lines().add(shipment("3")))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
