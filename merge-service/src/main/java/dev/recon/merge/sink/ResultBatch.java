package dev.recon.merge.sink;

import dev.recon.contracts.Line;
import dev.recon.contracts.NonOrderCharge;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.RejectedEvent;
import dev.recon.contracts.RejectedRow;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * One poll's records, decoded and deduplicated: an order updated five times in a batch is written
 * once, with its last result, and the lines its five results added. Markers are kept apart because
 * they must be written last.
 */
record ResultBatch(
    Map<String, OrderResult> orders,
    List<Line> orderLines,
    List<NonOrderCharge> charges,
    List<RejectedRow> rejected,
    List<TopicMarker> markers) {

  private static final Deserializer<ResultEvent> RESULTS =
      Topics.RESULTS.valueSerde().deserializer();
  private static final Deserializer<RejectedEvent> REJECTED =
      Topics.REJECTED.valueSerde().deserializer();

  /** A marker together with the topic it was read from, as the upload's progress counts both. */
  record TopicMarker(String topic, UploadMarker marker) {}

  /** Why the sink refused a row that PostgreSQL would not take: a reason of the dead letters. */
  static final String DATABASE_REFUSED = "DATABASE_REFUSED";

  /**
   * The rows behind this batch's results and dead letters, as dead letters of their own: what the
   * sink records when PostgreSQL refuses them for {@code reason}. Empty for markers.
   */
  List<RejectedRow> refusedRows(String reason) {
    List<RejectedRow> refused = new ArrayList<>();
    for (OrderResult order : orders.values()) {
      for (Line line : order.lines()) {
        refused.add(refused(line, "the result of order " + order.orderId(), reason));
      }
    }
    for (NonOrderCharge charge : charges) {
      refused.add(refused(charge.line(), "the non-order charge", reason));
    }
    for (RejectedRow row : rejected) {
      refused.add(
          withoutValues(
              new RejectedRow(
                  row.uploadId(),
                  row.kind(),
                  row.fileName(),
                  row.rowNumber(),
                  row.reason(),
                  row.message() + "; PostgreSQL refused its values: " + reason,
                  row.values())));
    }
    return refused;
  }

  static RejectedRow withoutValues(RejectedRow row) {
    return new RejectedRow(
        row.uploadId(),
        row.kind(),
        row.fileName(),
        row.rowNumber(),
        row.reason(),
        row.message(),
        Map.of());
  }

  private static RejectedRow refused(Line line, String what, String reason) {
    return new RejectedRow(
        line.uploadId(),
        line.kind(),
        line.fileName(),
        line.rowNumber(),
        DATABASE_REFUSED,
        "PostgreSQL refused " + what + ": " + reason,
        line.details());
  }

  static ResultBatch of(List<ConsumerRecord<String, byte[]>> records) {
    Map<String, OrderResult> orders = new LinkedHashMap<>();
    List<Line> orderLines = new ArrayList<>();
    List<NonOrderCharge> charges = new ArrayList<>();
    List<RejectedRow> rejected = new ArrayList<>();
    List<TopicMarker> markers = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      if (record.topic().equals(Topics.RESULTS.name())) {
        ResultEvent event = RESULTS.deserialize(record.topic(), record.value());
        if (event instanceof OrderResult order) {
          orders.put(order.orderId(), order);
          orderLines.addAll(order.lines());
        } else if (event instanceof NonOrderCharge charge) {
          charges.add(charge);
        } else {
          markers.add(new TopicMarker(record.topic(), (UploadMarker) event));
        }
      } else {
        RejectedEvent event = REJECTED.deserialize(record.topic(), record.value());
        if (event instanceof RejectedRow row) {
          rejected.add(row);
        } else {
          markers.add(new TopicMarker(record.topic(), (UploadMarker) event));
        }
      }
    }
    return new ResultBatch(orders, orderLines, charges, rejected, markers);
  }
}
