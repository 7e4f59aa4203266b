package dev.recon.ingest.upload;

import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import dev.recon.contracts.line.ContentHash;
import dev.recon.contracts.line.LineIdentity;
import dev.recon.contracts.line.OccurrenceCounter;
import dev.recon.ingest.parse.FileRejectedException;
import dev.recon.ingest.parse.ReportFile;
import dev.recon.ingest.parse.ReportRow;
import dev.recon.ingest.upload.UploadRepository.PartitionMarker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.stereotype.Component;

/**
 * Publishes one upload's rows to its raw topic in one Kafka transaction, then an {@link
 * UploadMarker} on every partition. A problem found halfway aborts the transaction, so consumers
 * (all read committed) never see any row of a refused file.
 */
@Component
class UploadPublisher {

  private static final int PROGRESS_EVERY_ROWS = 10_000;

  /** What one publication did. */
  record Published(long rowsRead, List<PartitionMarker> markers) {}

  private final KafkaTemplate<String, RawEvent> kafka;

  UploadPublisher(KafkaTemplate<String, RawEvent> kafka) {
    this.kafka = kafka;
  }

  /**
   * @param orderIds when not null, receives the order id of every row (for the original API)
   * @param progress receives the count of rows read now and then
   */
  Published publish(
      long uploadId, String fileName, ReportFile file, Set<String> orderIds, LongConsumer progress)
      throws FileRejectedException, IOException {
    try {
      return kafka.executeInTransaction(
          operations -> {
            try {
              return publishRows(uploadId, fileName, file, orderIds, progress, operations);
            } catch (FileRejectedException e) {
              throw new RejectedFileAbort(e);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (RejectedFileAbort e) {
      throw e.rejection;
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static Published publishRows(
      long uploadId,
      String fileName,
      ReportFile file,
      Set<String> orderIds,
      LongConsumer progress,
      KafkaOperations<String, RawEvent> operations)
      throws FileRejectedException, IOException {
    ReportKind kind = file.kind();
    String topic = Topics.raw(kind).name();
    int partitions = operations.partitionsFor(topic).size();
    long[] rowsPerPartition = new long[partitions];
    OccurrenceCounter occurrences = new OccurrenceCounter();
    long rows = 0;
    for (ReportRow row = file.next(); row != null; row = file.next()) {
      Map<String, String> values = withoutNul(row.values());
      ContentHash hash = LineIdentity.contentHash(kind, values);
      String lineId = LineIdentity.lineId(hash, occurrences.next(hash));
      String orderId = values.get(ReportKind.ORDER_ID);
      String key = Topics.rowKey(orderId, lineId);
      int partition = partitionOf(key, partitions);
      operations.send(
          new ProducerRecord<>(
              topic,
              partition,
              key,
              new RawRow(uploadId, kind, fileName, row.rowNumber(), lineId, values)));
      rowsPerPartition[partition]++;
      rows++;
      if (orderIds != null && orderId != null) {
        orderIds.add(orderId.strip());
      }
      if (rows % PROGRESS_EVERY_ROWS == 0) {
        progress.accept(rows);
      }
    }
    List<CompletableFuture<SendResult<String, RawEvent>>> sent = new ArrayList<>(partitions);
    for (int partition = 0; partition < partitions; partition++) {
      UploadMarker marker = new UploadMarker(uploadId, partition, rowsPerPartition[partition]);
      sent.add(operations.send(new ProducerRecord<>(topic, partition, marker.key(), marker)));
    }
    operations.flush();
    List<PartitionMarker> markers = new ArrayList<>(partitions);
    for (int partition = 0; partition < partitions; partition++) {
      long offset = sent.get(partition).join().getRecordMetadata().offset();
      markers.add(new PartitionMarker(partition, rowsPerPartition[partition], offset));
    }
    return new Published(rows, markers);
  }

  /** The partition Kafka's default partitioner picks for a key, so that it is known here. */
  static int partitionOf(String key, int partitions) {
    return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
  }

  /** PostgreSQL text cannot hold NUL: such a character becomes U+FFFD, visibly. */
  private static Map<String, String> withoutNul(Map<String, String> values) {
    Map<String, String> clean = null;
    for (Map.Entry<String, String> entry : values.entrySet()) {
      if (entry.getValue().indexOf('\0') >= 0) {
        if (clean == null) {
          clean = new HashMap<>(values);
        }
        clean.put(entry.getKey(), entry.getValue().replace('\0', '\uFFFD'));
      }
    }
    return clean == null ? values : clean;
  }

  /** Carries a refusal out of the transaction callback, which aborts the transaction. */
  private static final class RejectedFileAbort extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient FileRejectedException rejection;

    RejectedFileAbort(FileRejectedException rejection) {
      super(rejection);
      this.rejection = rejection;
    }
  }
}
