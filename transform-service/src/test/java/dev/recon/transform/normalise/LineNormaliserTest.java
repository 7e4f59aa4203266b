package dev.recon.transform.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.contracts.Line;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.RejectedRow;
import dev.recon.contracts.ReportKind;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LineNormaliserTest {

  private final LineNormaliser normaliser = new LineNormaliser();

  /** Pairs of column and value; a null value leaves the column out, as the gateway does. */
  private static Map<String, String> values(String... columnsAndValues) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < columnsAndValues.length; i += 2) {
      if (columnsAndValues[i + 1] != null) {
        values.put(columnsAndValues[i], columnsAndValues[i + 1]);
      }
    }
    return values;
  }

  private static RawRow mtr(String type, String orderId, String amount, String... more) {
    Map<String, String> values =
        values("transactiontype", type, "orderid", orderId, "invoiceamount", amount);
    values.putAll(values(more));
    return new RawRow(7, ReportKind.MTR, "mtr.csv", 60, "mtr-line-0", values);
  }

  private static RawRow payment(String type, String orderId, String total, String... more) {
    Map<String, String> values = values("type", type, "orderid", orderId, "total", total);
    values.putAll(values(more));
    return new RawRow(8, ReportKind.PAYMENT, "payment.csv", 63, "payment-line-0", values);
  }

  private Line kept(RawRow row) {
    Outcome outcome = normaliser.normalise(row);
    assertThat(outcome).isInstanceOf(Outcome.Kept.class);
    return ((Outcome.Kept) outcome).line();
  }

  private RejectedRow rejected(RawRow row) {
    Outcome outcome = normaliser.normalise(row);
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected) outcome).row();
  }

  private String dropped(RawRow row) {
    Outcome outcome = normaliser.normalise(row);
    assertThat(outcome).isInstanceOf(Outcome.Dropped.class);
    return ((Outcome.Dropped) outcome).type();
  }

  @Nested
  class MtrLines {

    @Test
    void aShipmentKeepsItsRowAndNormalisesItsValues() {
      RawRow row =
          mtr(
              "Shipment",
              "405-0000004-0000006",
              "₹1,499.00",
              "invoicedate",
              "2024-01-05 10:15:00",
              "shipmentdate",
              "05/01/2024 11:00",
              "orderdate",
              "not recorded",
              "sku",
              "EDGE-SKU",
              "quantity",
              "1",
              "invoicenumber",
              "IN-1");

      Line line = kept(row);

      assertThat(line.lineId()).isEqualTo("mtr-line-0");
      assertThat(line.kind()).isEqualTo(ReportKind.MTR);
      assertThat(line.orderId()).isEqualTo("405-0000004-0000006");
      assertThat(line.transactionType()).isEqualTo("Shipment");
      assertThat(line.paymentType()).isNull();
      assertThat(line.amount()).isEqualTo(new BigDecimal("1499.00"));
      assertThat(line.date()).isEqualTo("2024-01-05T10:15:00");
      assertThat(line.uploadId()).isEqualTo(7);
      assertThat(line.fileName()).isEqualTo("mtr.csv");
      assertThat(line.rowNumber()).isEqualTo(60);
      assertThat(line.details())
          .containsExactly(
              Map.entry("invoicenumber", "IN-1"),
              Map.entry("shipmentdate", "2024-01-05T11:00:00"),
              Map.entry("orderdate", "not recorded"),
              Map.entry("quantity", "1"),
              Map.entry("sku", "EDGE-SKU"));
      assertThat(line.isNonOrderCharge()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "Shipment|Shipment",
          "SHIPMENT|Shipment",
          "' ship ment '|Shipment",
          "Refund|Return",
          "refund|Return",
          "FreeReplacement|Return",
          "Free Replacement|Return",
          "'free  replacement'|Return",
          "Liquidations|Liquidations",
          "' Liquidations '|Liquidations",
          "Return|Return",
          "Order|Order",
        })
    void mapsTheTransactionType(String type, String expected) {
      assertThat(kept(mtr(type, "403-0000002-0000005", "0.00")).transactionType())
          .isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Cancel", "cancel", " cancel ", "CANCEL", "Can cel"})
    void dropsACancelBeforeAnyOtherCheck(String type) {
      assertThat(dropped(mtr(type, "403-0000002-0000015", "100.00"))).isEqualTo("Cancel");
      assertThat(dropped(mtr(type, null, null))).isEqualTo("Cancel");
      assertThat(dropped(mtr(type, "", "abc"))).isEqualTo("Cancel");
    }

    @Test
    void aTransferIsNoMtrType() {
      assertThat(kept(mtr("Transfer", "403-0000002-0000013", "5.00")).transactionType())
          .isEqualTo("Transfer");
    }

    @Test
    void trimsTheOrderIdAndKeepsItsCase() {
      assertThat(kept(mtr("Shipment", " 405-0000004-0000008 ", "10")).orderId())
          .isEqualTo("405-0000004-0000008");
      assertThat(kept(mtr("Shipment", "XyZ0123456", "10")).orderId()).isEqualTo("XyZ0123456");
    }

    @Test
    void readsAnExcelSerialInvoiceDate() {
      Line line =
          kept(mtr("FreeReplacement", "405-0000004-0000014", "0", "invoicedate", "45300.5"));

      assertThat(line.date()).isEqualTo("2024-01-09T12:00:00");
      assertThat(line.amount()).isEqualTo(new BigDecimal("0"));
      assertThat(line.transactionType()).isEqualTo("Return");
    }

    @Test
    void aBlankOrderIdIsRejected() {
      RejectedRow row = rejected(mtr("Shipment", "   ", "300.00"));

      assertThat(row.reason()).isEqualTo("MISSING_ORDER_ID");
      assertThat(row.message()).contains("orderid").contains("empty");
      assertThat(rejected(mtr("Shipment", null, "300.00")).reason()).isEqualTo("MISSING_ORDER_ID");
    }

    @Test
    void aBlankOrderIdIsReportedBeforeABadAmount() {
      assertThat(rejected(mtr("Shipment", "", "abc")).reason()).isEqualTo("MISSING_ORDER_ID");
      assertThat(rejected(mtr("Shipment", null, null)).reason()).isEqualTo("MISSING_ORDER_ID");
    }

    @Test
    void aMissingInvoiceAmountIsRejected() {
      RejectedRow row = rejected(mtr("Shipment", "406-0000005-0000002", null));

      assertThat(row.reason()).isEqualTo("MISSING_AMOUNT");
      assertThat(row.message()).isEqualTo("invoiceamount is empty: the row needs an amount");
      assertThat(rejected(mtr("Shipment", "406-0000005-0000002", "  ")).reason())
          .isEqualTo("MISSING_AMOUNT");
    }

    @Test
    void anUnreadableInvoiceAmountIsRejectedNamingColumnAndValue() {
      RejectedRow row = rejected(mtr("Shipment", "406-0000005-0000003", "abc"));

      assertThat(row.reason()).isEqualTo("BAD_AMOUNT");
      assertThat(row.message()).startsWith("invoiceamount 'abc' is not an amount");
    }

    @Test
    void aBlankTypeIsRejectedFirst() {
      RejectedRow row = rejected(mtr("  ", "406-0000005-0000004", "10.00"));

      assertThat(row.reason()).isEqualTo("MISSING_TYPE");
      assertThat(row.message()).startsWith("transactiontype is empty");
      assertThat(rejected(mtr(null, null, "abc")).reason()).isEqualTo("MISSING_TYPE");
    }

    @Test
    void withoutDetailsTheDetailsAreEmpty() {
      Line line = kept(mtr("Shipment", "403-0000002-0000011", "10", "sku", "  "));

      assertThat(line.details()).isEmpty();
      assertThat(line.date()).isNull();
    }
  }

  @Nested
  class PaymentLines {

    @Test
    void anOrderKeepsItsRowAndNormalisesItsValues() {
      RawRow row =
          payment(
              "Order",
              "404-0000003-0000003",
              "1,234.50",
              "datetime",
              "5 Jan 2024 10:15:00 am UTC",
              "settlementid",
              "11122233344",
              "sku",
              "EDGE-SKU-D3",
              "description",
              "Edge item D3",
              "quantity",
              "1",
              "productsales",
              "1,234.50",
              "sellingfees",
              "0",
              "notes",
              "not a recognised column");

      Line line = kept(row);

      assertThat(line.lineId()).isEqualTo("payment-line-0");
      assertThat(line.kind()).isEqualTo(ReportKind.PAYMENT);
      assertThat(line.orderId()).isEqualTo("404-0000003-0000003");
      assertThat(line.transactionType()).isEqualTo("Payment");
      assertThat(line.paymentType()).isEqualTo("Order");
      assertThat(line.amount()).isEqualTo(new BigDecimal("1234.50"));
      assertThat(line.date()).isEqualTo("2024-01-05T10:15:00");
      assertThat(line.uploadId()).isEqualTo(8);
      assertThat(line.fileName()).isEqualTo("payment.csv");
      assertThat(line.rowNumber()).isEqualTo(63);
      assertThat(line.details())
          .containsExactly(
              Map.entry("settlementid", "11122233344"),
              Map.entry("sku", "EDGE-SKU-D3"),
              Map.entry("description", "Edge item D3"),
              Map.entry("quantity", "1"),
              Map.entry("productsales", "1,234.50"),
              Map.entry("sellingfees", "0"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "Order|Order",
          "ORDER|Order",
          "Refund|Return",
          "' refund '|Return",
          "Adjustment|Order",
          "Ajdustment|Order",
          "FBA Inventory Fee|Order",
          "FBAInventoryFee|Order",
          "Fulfilment Fee Refund|Order",
          "Fulfillment Fee Refund|Order",
          "Service Fee|Order",
          "service fee|Order",
          "Deal Fee|Deal Fee",
          "' Deal Fee '|Deal Fee",
          "Shipment|Shipment",
        })
    void mapsThePaymentTypeAndAlwaysMakesAPayment(String type, String expected) {
      Line line = kept(payment(type, "405-0000004-0000011", "10.00"));

      assertThat(line.paymentType()).isEqualTo(expected);
      assertThat(line.transactionType()).isEqualTo("Payment");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Transfer", " transfer ", "TRANSFER", "trans fer"})
    void dropsATransferBeforeAnyOtherCheck(String type) {
      assertThat(dropped(payment(type, null, "-5000.00"))).isEqualTo("Transfer");
      assertThat(dropped(payment(type, "403-0000002-0000016", "-5000.00"))).isEqualTo("Transfer");
      assertThat(dropped(payment(type, null, "N/A"))).isEqualTo("Transfer");
    }

    @Test
    void aCancelIsNoPaymentType() {
      assertThat(kept(payment("Cancel", "403-0000002-0000010", "1.00")).paymentType())
          .isEqualTo("Cancel");
    }

    @Test
    void aBlankOrderIdIsANonOrderCharge() {
      Line line =
          kept(payment("Service Fee", "  ", "-25.00", "description", " Cost of Advertising "));

      assertThat(line.orderId()).isEmpty();
      assertThat(line.isNonOrderCharge()).isTrue();
      assertThat(line.details()).containsEntry("description", "Cost of Advertising");
      assertThat(kept(payment("Service Fee", null, "-25.00")).orderId()).isEmpty();
    }

    @Test
    void aNonOrderChargeIsStillValidated() {
      RejectedRow row = rejected(payment("Service Fee", null, "N/A"));

      assertThat(row.reason()).isEqualTo("BAD_AMOUNT");
      assertThat(row.message()).startsWith("total 'N/A' is not an amount");
    }

    @Test
    void anUnreadableDateIsKeptAsText() {
      Line line =
          kept(payment("Order", "405-0000004-0000007", "10", "datetime", " sometime in January "));

      assertThat(line.date()).isEqualTo("sometime in January");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(
        delimiter = '|',
        value = {
          "(12.50)|-12.50",
          "₹ 1,200.00|1200.00",
          "Rs. 450.00|450.00",
          "INR 300|300",
          "$12|12",
          "+12|12",
          "' ₹1,499.00 '|1499.00",
          "12,34,567.89|1234567.89",
          "-0.00|0.00",
        })
    void readsTheAmountForms(String total, String expected) {
      assertThat(kept(payment("Order", "405-0000004-0000001", total)).amount())
          .isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "12.5.0", "twelve", "1e3", "NaN", "Infinity", "₹", "-", "1,23"})
    void anUnreadableTotalIsABadAmount(String total) {
      RejectedRow row = rejected(payment("Order", "406-0000005-0000006", total));

      assertThat(row.reason()).isEqualTo("BAD_AMOUNT");
      assertThat(row.message()).contains("total '" + total + "'");
    }

    @Test
    void aMissingTotalIsAMissingAmount() {
      assertThat(rejected(payment("Order", "406-0000005-0000005", null)).reason())
          .isEqualTo("MISSING_AMOUNT");
      assertThat(rejected(payment("Order", "406-0000005-0000005", "")).message())
          .isEqualTo("total is empty: the row needs an amount");
    }

    @Test
    void aBlankTypeIsAMissingType() {
      RejectedRow row = rejected(payment(null, "406-0000005-0000007", "10.00"));

      assertThat(row.reason()).isEqualTo("MISSING_TYPE");
      assertThat(row.message()).startsWith("type is empty");
    }
  }

  /** SPEC §8.1. */
  @Nested
  class PayoutBreakdowns {

    @Test
    void componentsThatAddUpToTheTotalAreConsistent() {
      Line line =
          kept(
              payment(
                  "Order",
                  "171-0164918-2833469",
                  "413.38",
                  "productsales",
                  "619.00",
                  "promotionalrebates",
                  "-51.83",
                  "sellingfees",
                  "-74.43",
                  "fbafees",
                  "-72.87",
                  "tcsigst",
                  "-5.90",
                  "tdssection194o",
                  "-0.59"));

      PayoutBreakdown breakdown = line.breakdown();
      assertThat(breakdown.consistent()).isTrue();
      assertThat(breakdown.sales()).isEqualByComparingTo("567.17");
      assertThat(breakdown.fees()).isEqualByComparingTo("-147.30");
      assertThat(breakdown.tcs()).isEqualByComparingTo("-5.90");
      assertThat(breakdown.tds()).isEqualByComparingTo("-0.59");
      assertThat(breakdown.component("shippingcredits")).isEqualByComparingTo("0");
      assertThat(line.details()).containsEntry("tcsigst", "-5.90");
    }

    @Test
    void emptyComponentCellsAreZero() {
      Line line =
          kept(payment("Order", "171-1", "100.00", "productsales", "100.00", "sellingfees", ""));

      assertThat(line.breakdown().consistent()).isTrue();
      assertThat(line.breakdown().fees()).isEqualByComparingTo("0");
    }

    @Test
    void componentsThatDoNotAddUpMakeTheLineInconsistentButKeptAsItsTotalSays() {
      Line line = kept(payment("Adjustment", "405-1", "(12.50)", "productsales", "0", "other", ""));

      assertThat(line.amount()).isEqualByComparingTo("-12.50");
      assertThat(line.breakdown().consistent()).isFalse();
    }

    @Test
    void anUnreadableComponentCountsAsZeroAndMakesTheLineInconsistent() {
      Line line =
          kept(payment("Order", "171-2", "100.00", "productsales", "100.00", "fbafees", "N/A"));

      assertThat(line.breakdown().fees()).isEqualByComparingTo("0");
      assertThat(line.breakdown().consistent())
          .as("the components add up, but one was unreadable")
          .isFalse();
    }

    @Test
    void aLineWhoseFileHasNoComponentColumnHasNoBreakdown() {
      assertThat(kept(payment("Order", "171-3", "100.00", "sku", "S-1")).breakdown()).isNull();
    }

    @Test
    void anMtrLineHasNoBreakdown() {
      assertThat(kept(mtr("Shipment", "171-4", "10.00")).breakdown()).isNull();
    }
  }

  @Test
  void aRejectedRowKeepsItsFileRowAndRawValues() {
    RawRow row = payment("Order", "406-0000005-0000006", "12.5.0", "sku", "EDGE-SKU");

    RejectedRow rejected = rejected(row);

    assertThat(rejected.uploadId()).isEqualTo(8);
    assertThat(rejected.kind()).isEqualTo(ReportKind.PAYMENT);
    assertThat(rejected.fileName()).isEqualTo("payment.csv");
    assertThat(rejected.rowNumber()).isEqualTo(63);
    assertThat(rejected.values()).isEqualTo(row.values());
  }

  @Test
  void aLongUnreadableValueIsShortenedInTheMessage() {
    String total = "9".repeat(59) + "x".repeat(1000);

    String message = rejected(payment("Order", "406-0000005-0000006", total)).message();

    assertThat(message).startsWith("total '" + "9".repeat(59) + "x…'").hasSizeLessThan(200);
  }

  @Test
  void detailsCannotBeChanged() {
    Line line = kept(payment("Order", "1", "1", "sku", "A"));

    assertThatThrownBy(() -> line.details().put("sku", "B"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
