package dev.recon.ingest.upload;

import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import dev.recon.contracts.line.ContentHash;
import dev.recon.contracts.line.LineIdentity;
import dev.recon.contracts.line.OccurrenceCounter;
import dev.recon.ingest.GatewayInstance;
import dev.recon.ingest.parse.FileRejectedException;
import dev.recon.ingest.parse.ReportFile;
import dev.recon.ingest.parse.ReportRow;
import dev.recon.ingest.upload.UploadRepository.PartitionMarker;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

  private static final Logger log = LoggerFactory.getLogger(UploadPublisher.class);
  private static final int PROGRESS_EVERY_ROWS = 10_000;
  private static final long ADMIN_TIMEOUT_SECONDS = 10;

  /** What one publication did. */
  record Published(long rowsRead, List<PartitionMarker> markers) {}

  private final KafkaTemplate<String, RawEvent> kafka;
  private final Admin admin;
  private final String transactionIdPrefix;

  UploadPublisher(KafkaTemplate<String, RawEvent> kafka, Admin admin, GatewayInstance instance) {
    this.kafka = kafka;
    this.admin = admin;
    this.transactionIdPrefix = instance.transactionIdPrefix();
  }

  /**
   * Aborts the Kafka transactions a previous run of this gateway left open (killed mid-upload).
   * Until such a transaction ends, by its timeout of up to 15 minutes, no read-committed consumer
   * reads past it on its partitions: neither the upload published again nor any later one would
   * move. A new producer fences only the transactional id it gets, and the one that publishes the
   * upload again need not get the id that was mid-transaction. Runs while the gateway starts,
   * before it publishes anything, so every open transaction with one of its ids is a leftover.
   */
  @PostConstruct
  void abortLeftoverTransactions() {
    try {
      List<String> open =
          admin
              .listTransactions(
                  new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
              .all()
              .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
              .stream()
              .map(TransactionListing::transactionalId)
              .filter(this::isOwnTransactionalId)
              .toList();
      if (!open.isEmpty()) {
        admin.fenceProducers(open).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        log.warn("aborted the Kafka transactions {} that a stopped run left open", open);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      log.warn(
          "cannot abort the transactions a stopped run left open: they end by their timeout", e);
    }
  }

  /** The factory's ids are the prefix and a number; another instance's prefix may extend ours. */
  private boolean isOwnTransactionalId(String id) {
    return id.startsWith(transactionIdPrefix)
        && id.length() > transactionIdPrefix.length()
        && id.substring(transactionIdPrefix.length()).chars().allMatch(Character::isDigit);
  }

  /**
   * @param keys when not null, receives the keys of every row (for the original API)
   * @param progress receives the count of rows read now and then
   */
  Published publish(
      long uploadId, String fileName, ReportFile file, PublishedKeys keys, LongConsumer progress)
      throws FileRejectedException, IOException {
    try {
      return kafka.executeInTransaction(
          operations -> {
            try {
              return publishRows(uploadId, fileName, file, keys, progress, operations);
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
      PublishedKeys keys,
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
      if (keys != null) {
        keys.add(orderId, lineId);
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
