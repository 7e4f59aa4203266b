package dev.recon.transform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.Line;
import dev.recon.contracts.LineEvent;
import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.RejectedEvent;
import dev.recon.contracts.RejectedRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import dev.recon.transform.normalise.LineNormaliser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TransformTopologyTest {

  private final List<String> dropped = new ArrayList<>();
  private final RetractedUploads retracted = new RetractedUploads();
  private TopologyTestDriver driver;
  private TestInputTopic<String, RawEvent> rawMtr;
  private TestInputTopic<String, RawEvent> rawPayment;
  private TestOutputTopic<String, LineEvent> linesMtr;
  private TestOutputTopic<String, LineEvent> linesPayment;
  private TestOutputTopic<String, RejectedEvent> rejected;

  @BeforeEach
  void start() {
    driver =
        new TopologyTestDriver(
            TransformTopology.build(new LineNormaliser(), retracted, dropped::add));
    rawMtr = input(Topics.RAW_MTR.name());
    rawPayment = input(Topics.RAW_PAYMENT.name());
    linesMtr = lines(Topics.LINES_MTR.name());
    linesPayment = lines(Topics.LINES_PAYMENT.name());
    rejected =
        driver.createOutputTopic(
            Topics.REJECTED.name(),
            Topics.REJECTED.keySerde().deserializer(),
            Topics.REJECTED.valueSerde().deserializer());
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  @Test
  void keptRowsBecomeLinesOfTheirKindKeyedByOrderId() {
    rawMtr.pipeInput("171-1", mtrRow(2, "171-1", "Shipment", "1,200.00"));
    rawPayment.pipeInput("171-1", paymentRow(9, "171-1", "Refund", "(50.00)"));

    Line shipment = (Line) linesMtr.readKeyValue().value;
    assertThat(shipment.orderId()).isEqualTo("171-1");
    assertThat(shipment.transactionType()).isEqualTo("Shipment");
    assertThat(shipment.amount()).isEqualByComparingTo("1200.00");
    assertThat(shipment.rowNumber()).isEqualTo(2);

    var refund = linesPayment.readKeyValue();
    assertThat(refund.key).isEqualTo("171-1");
    assertThat(((Line) refund.value).paymentType()).isEqualTo("Return");
    assertThat(((Line) refund.value).amount()).isEqualByComparingTo(new BigDecimal("-50.00"));
    assertThat(rejected.isEmpty()).isTrue();
  }

  @Test
  void badRowsGoToTheDeadLetterTopicWithRowNumberAndReason() {
    rawMtr.pipeInput("171-2", mtrRow(61, "171-2", "Shipment", "abc"));
    rawPayment.pipeInput("~x", paymentRow(65, null, null, "10.00"));

    RejectedRow badAmount = (RejectedRow) rejected.readValue();
    assertThat(badAmount.fileName()).isEqualTo("mtr.csv");
    assertThat(badAmount.rowNumber()).isEqualTo(61);
    assertThat(badAmount.reason()).isEqualTo("BAD_AMOUNT");
    RejectedRow missingType = (RejectedRow) rejected.readValue();
    assertThat(missingType.rowNumber()).isEqualTo(65);
    assertThat(missingType.reason()).isEqualTo("MISSING_TYPE");
    assertThat(linesMtr.isEmpty()).isTrue();
    assertThat(linesPayment.isEmpty()).isTrue();
  }

  @Test
  void cancelAndTransferAreDroppedAndCounted() {
    rawMtr.pipeInput("171-3", mtrRow(3, "171-3", "Cancel", "100.00"));
    rawPayment.pipeInput("~t", paymentRow(4, null, " transfer ", "-5000.00"));

    assertThat(linesMtr.isEmpty()).isTrue();
    assertThat(linesPayment.isEmpty()).isTrue();
    assertThat(rejected.isEmpty()).isTrue();
    assertThat(dropped).hasSize(2);
  }

  @Test
  void anUploadMarkerFollowsTheUploadsLinesAndDeadLetters() {
    rawMtr.pipeInput("171-4", mtrRow(2, "171-4", "Shipment", "10.00"));
    rawMtr.pipeInput("171-5", mtrRow(3, "171-5", "Shipment", ""));
    UploadMarker marker = new UploadMarker(7, 0, 2);
    rawMtr.pipeInput(marker.key(), marker);

    List<LineEvent> lines = linesMtr.readValuesToList();
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo(marker);
    List<RejectedEvent> deadLetters = rejected.readValuesToList();
    assertThat(deadLetters).hasSize(2);
    assertThat(((RejectedRow) deadLetters.get(0)).reason()).isEqualTo("MISSING_AMOUNT");
    assertThat(deadLetters.get(1)).isEqualTo(marker);
    assertThat(linesPayment.isEmpty()).isTrue();
  }

  @Test
  void theRowsAndMarkersOfARetractedUploadGoNowhere() {
    retracted.replaceWith(java.util.Set.of(7L));
    rawMtr.pipeInput("171-6", mtrRow(2, "171-6", "Shipment", "10.00"));
    rawMtr.pipeInput("171-7", mtrRow(3, "171-7", "Shipment", ""));
    rawMtr.pipeInput(new UploadMarker(7, 0, 2).key(), new UploadMarker(7, 0, 2));
    rawPayment.pipeInput("171-6", paymentRow(4, "171-6", "Order", "8.00"));

    assertThat(linesMtr.isEmpty()).isTrue();
    assertThat(rejected.isEmpty()).isTrue();
    assertThat(((Line) linesPayment.readValue()).uploadId())
        .as("upload 8 is not retracted")
        .isEqualTo(8);
  }

  private TestInputTopic<String, RawEvent> input(String topic) {
    return driver.createInputTopic(
        topic, Topics.RAW_MTR.keySerde().serializer(), Topics.RAW_MTR.valueSerde().serializer());
  }

  private TestOutputTopic<String, LineEvent> lines(String topic) {
    return driver.createOutputTopic(
        topic,
        Topics.LINES_MTR.keySerde().deserializer(),
        Topics.LINES_MTR.valueSerde().deserializer());
  }

  private static RawRow mtrRow(int row, String orderId, String type, String amount) {
    return new RawRow(
        7,
        ReportKind.MTR,
        "mtr.csv",
        row,
        "id-" + row,
        values(orderId, "transactiontype", type, "invoiceamount", amount));
  }

  private static RawRow paymentRow(int row, String orderId, String type, String total) {
    return new RawRow(
        8,
        ReportKind.PAYMENT,
        "payment.csv",
        row,
        "id-" + row,
        values(orderId, "type", type, "total", total));
  }

  private static Map<String, String> values(
      String orderId, String typeColumn, String type, String amountColumn, String amount) {
    Map<String, String> values = new java.util.HashMap<>();
    if (orderId != null) {
      values.put("orderid", orderId);
    }
    if (type != null) {
      values.put(typeColumn, type);
    }
    if (amount != null && !amount.isEmpty()) {
      values.put(amountColumn, amount);
    }
    return values;
  }
}
