package dev.recon.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.Category;
import dev.recon.contracts.Line;
import dev.recon.contracts.LineEvent;
import dev.recon.contracts.NonOrderCharge;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.ToleranceStatus;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MergeTopologyTest {

  private TopologyTestDriver driver;
  private TestInputTopic<String, LineEvent> mtr;
  private TestInputTopic<String, LineEvent> payment;
  private TestOutputTopic<String, ResultEvent> results;

  @BeforeEach
  void start() {
    driver = new TopologyTestDriver(MergeTopology.build(ToleranceBands.defaults()));
    mtr = input(Topics.LINES_MTR.name());
    payment = input(Topics.LINES_PAYMENT.name());
    results =
        driver.createOutputTopic(
            Topics.RESULTS.name(),
            Topics.RESULTS.keySerde().deserializer(),
            Topics.RESULTS.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void linesOfBothKindsMergeIntoOneOrderResult() {
    mtr.pipeInput("402-1", mtrLine("m1", "402-1", "Shipment", "600.00"));
    payment.pipeInput("402-1", paymentLine("p1", "402-1", "300.01"));

    List<ResultEvent> updates = results.readValuesToList();
    OrderResult last = (OrderResult) updates.get(updates.size() - 1);
    assertThat(last.category()).isEqualTo(Category.ORDER_AND_PAYMENT_RECEIVED);
    assertThat(last.shipmentInvoiceAmount()).isEqualByComparingTo("600.00");
    assertThat(last.netAmount()).isEqualByComparingTo("300.01");
    assertThat(last.toleranceStatus()).isEqualTo(ToleranceStatus.WITHIN_TOLERANCE);
    assertThat(last.toleranceMinimumPercent()).isEqualByComparingTo("45");
    assertThat(last.mtrLines()).isEqualTo(1);
    assertThat(last.paymentLines()).isEqualTo(1);
  }

  @Test
  void eachResultCarriesTheLineItAddsWithItsDetails() {
    Line shipment =
        new Line(
            "m7",
            ReportKind.MTR,
            "402-7",
            "Shipment",
            null,
            new BigDecimal("600.00"),
            "2024-03-01",
            1,
            "mtr.csv",
            2,
            Map.of("sku", "SKU-7", "invoice_number", "IN-7"),
            null);
    mtr.pipeInput("402-7", shipment);
    payment.pipeInput("402-7", paymentLine("p7", "402-7", "300.01"));

    List<ResultEvent> updates = results.readValuesToList();
    assertThat(updates).hasSize(2);
    assertThat(((OrderResult) updates.get(0)).lines()).containsExactly(shipment);
    OrderResult paid = (OrderResult) updates.get(1);
    assertThat(paid.lines()).extracting(Line::lineId).containsExactly("p7");
    assertThat(paid.mtrLines()).isEqualTo(1);
    assertThat(paid.shipmentInvoiceAmount()).isEqualByComparingTo("600.00");
  }

  @Test
  void aLineSeenTwiceCountsOnceAndSendsNothingTheSecondTime() {
    payment.pipeInput("404-1", paymentLine("same", "404-1", "500.00"));
    payment.pipeInput("404-1", paymentLine("same", "404-1", "500.00"));
    payment.pipeInput("404-1", paymentLine("other", "404-1", "500.00"));

    List<ResultEvent> updates = results.readValuesToList();
    assertThat(updates).hasSize(2);
    OrderResult last = (OrderResult) updates.get(updates.size() - 1);
    assertThat(last.paymentLines()).isEqualTo(2);
    assertThat(last.netAmount()).isEqualByComparingTo("1000.00");
    assertThat(last.category()).isEqualTo(Category.ORDER_NOT_APPLICABLE_BUT_PAYMENT_RECEIVED);
  }

  @Test
  void aPaymentArrivingLaterCompletesTheOrder() {
    mtr.pipeInput("404-5", mtrLine("m5", "404-5", "Shipment", "1000.00"));
    OrderResult pending = (OrderResult) results.readValue();
    assertThat(pending.category()).isEqualTo(Category.PAYMENT_PENDING);

    payment.pipeInput("404-5", paymentLine("p5", "404-5", "700.00"));
    OrderResult paid = (OrderResult) results.readValue();
    assertThat(paid.category()).isEqualTo(Category.ORDER_AND_PAYMENT_RECEIVED);
  }

  @Test
  void nonOrderChargesPassThroughWithoutAnOrder() {
    payment.pipeInput("~c1", paymentLine("c1", "", "-588.82"));

    NonOrderCharge charge = (NonOrderCharge) results.readValue();
    assertThat(charge.line().amount()).isEqualByComparingTo("-588.82");
    assertThat(results.isEmpty()).isTrue();
  }

  @Test
  void anUploadMarkerLeavesAfterTheResultsOfTheLinesBeforeIt() {
    mtr.pipeInput("405-1", mtrLine("m1", "405-1", "Shipment", "100.00"));
    mtr.pipeInput("405-2", mtrLine("m2", "405-2", "Refund", "-100.00"));
    UploadMarker marker = new UploadMarker(3, 0, 2);
    mtr.pipeInput(marker.key(), marker);

    List<ResultEvent> out = results.readValuesToList();
    assertThat(out).hasSize(3);
    assertThat(out.get(2)).isEqualTo(marker);
  }

  private TestInputTopic<String, LineEvent> input(String topic) {
    return driver.createInputTopic(
        topic,
        Topics.LINES_MTR.keySerde().serializer(),
        Topics.LINES_MTR.valueSerde().serializer());
  }

  /**
   * What a line costs the merge's state is what it writes to the stores' changelogs (a store's
   * writes are its changelog's records): a line of an order that already holds many others must
   * write as little as the first line of an order, or each line would rewrite the ones before it.
   * (The test driver commits, and so flushes RocksDB, after every record: 1,000 lines keep it
   * quick; {@code OrderTotalsSerdeTest} takes an order to 10,000 lines.)
   */
  @Test
  void aLineOfAnOrderOfManyLinesWritesNoMoreStateThanTheLineOfANewOrder() {
    int lines = 1_000;
    for (int i = 0; i < lines; i++) {
      payment.pipeInput("402-big", paymentLine("big-" + i, "402-big", "1.00"));
    }
    long oneOrder = changelogBytes();
    for (int i = 0; i < lines; i++) {
      String orderId = String.format("402-%07d", i);
      payment.pipeInput(orderId, paymentLine("new-" + i, orderId, "1.00"));
    }
    long newOrders = changelogBytes();

    assertThat(oneOrder).isPositive();
    assertThat(oneOrder).isLessThanOrEqualTo(newOrders);
    OrderResult last = (OrderResult) results.readValuesToList().get(lines - 1);
    assertThat(last.paymentLines()).isEqualTo(lines);
    assertThat(last.netAmount()).isEqualByComparingTo("1000.00");
  }

  /** Bytes of keys and values written to every changelog since the last call. */
  private long changelogBytes() {
    long bytes = 0;
    for (String topic : driver.producedTopicNames()) {
      if (topic.endsWith("-changelog")) {
        TestOutputTopic<byte[], byte[]> changelog =
            driver.createOutputTopic(
                topic, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        for (var record : changelog.readRecordsToList()) {
          bytes += record.key().length + (record.value() == null ? 0 : record.value().length);
        }
      }
    }
    return bytes;
  }

  private static Line mtrLine(String id, String orderId, String type, String amount) {
    return new Line(
        id,
        ReportKind.MTR,
        orderId,
        type,
        null,
        new BigDecimal(amount),
        null,
        1,
        "mtr.csv",
        2,
        Map.of(),
        null);
  }

  private static Line paymentLine(String id, String orderId, String total) {
    return new Line(
        id,
        ReportKind.PAYMENT,
        orderId,
        Line.PAYMENT,
        "Order",
        new BigDecimal(total),
        null,
        2,
        "payment.csv",
        9,
        Map.of(),
        null);
  }
}
