package dev.recon.ingest.upload;

import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import dev.recon.contracts.line.ContentHash;
import dev.recon.contracts.line.LineIdentity;
import dev.recon.contracts.line.OccurrenceCounter;
import dev.recon.ingest.Backoff;
import dev.recon.ingest.GatewayInstance;
import dev.recon.ingest.parse.FileRejectedException;
import dev.recon.ingest.parse.ReportFile;
import dev.recon.ingest.parse.ReportRow;
import dev.recon.ingest.upload.UploadRepository.PartitionMarker;
import jakarta.annotation.PostConstruct;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * Publishes one upload's rows to its raw topic, then an {@link UploadMarker} on every partition. A
 * small upload is one Kafka transaction; a large one is read to its end first and then published in
 * parts as the pipeline makes room ({@link PublishingProperties}), so that it neither holds every
 * consumer at its open transaction nor queues far more rows than the pipeline can take ahead of
 * later uploads. Either way consumers (all read committed) never see any row of a refused file.
 */
@Component
class UploadPublisher {

  private static final Logger log = LoggerFactory.getLogger(UploadPublisher.class);
  private static final int PROGRESS_EVERY_ROWS = 10_000;
  private static final long ADMIN_TIMEOUT_SECONDS = 10;
  private static final Duration RETRY_FIRST = Duration.ofMillis(200);
  private static final Duration RETRY_LONGEST = Duration.ofSeconds(10);

  /** What one publication did. */
  record Published(long rowsRead, List<PartitionMarker> markers) {}

  private final KafkaTemplate<String, RawEvent> kafka;
  private final Admin admin;
  private final String transactionIdPrefix;
  private final PipelineBacklog backlog;
  private final PublishingProperties publishing;

  UploadPublisher(
      KafkaTemplate<String, RawEvent> kafka,
      Admin admin,
      GatewayInstance instance,
      PipelineBacklog backlog,
      PublishingProperties publishing) {
    this.kafka = kafka;
    this.admin = admin;
    this.transactionIdPrefix = instance.transactionIdPrefix();
    this.backlog = backlog;
    this.publishing = publishing;
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
   * Publishes an upload of at most {@code wholeUploadRows} rows in one transaction, its markers
   * last, as soon as it is called.
   *
   * @param keys when not null, receives the keys of every row (for the original API)
   * @param progress receives the count of rows read now and then
   * @return empty when the file has more rows: the transaction is aborted, so nothing is published,
   *     and {@code file} is left after the rows read, for {@link #publishInParts}
   */
  Optional<Published> publishWhole(
      long uploadId, String fileName, ReportFile file, PublishedKeys keys, LongConsumer progress)
      throws FileRejectedException, IOException {
    try {
      return Optional.of(
          inTransaction(
              operations -> {
                Publication publication =
                    new Publication(
                        uploadId,
                        fileName,
                        file,
                        operations.partitionsFor(topic(file)).size(),
                        keys,
                        progress);
                if (!publication.sendUpTo(publishing.wholeUploadRows(), operations)) {
                  throw new LargerThanOneTransaction();
                }
                return publication.sendMarkers(operations);
              }));
    } catch (LargerThanOneTransaction e) {
      return Optional.empty();
    }
  }

  /**
   * Publishes a file too large for one transaction. First {@code rest}, the file {@link
   * #publishWhole} gave up on, is read to its end without publishing: a refusal depends only on the
   * file, so one found now means nothing is published. Then the file is read again from {@code
   * reopen} and published in parts, each in its own transaction, each when the pipeline has room
   * for it ({@link PublishingProperties#aheadRows()}), the markers in the last one with the rows of
   * all. Once a part has committed the upload can no longer fail: a part that fails is tried again
   * with backoff, the rows already committed being read and counted but not sent again.
   *
   * @throws InterruptedException when the gateway stops: parts may have committed, and the upload
   *     is published again from the start on restart (the same line identities)
   */
  Published publishInParts(
      long uploadId,
      String fileName,
      ReportFile rest,
      Reopening reopen,
      PublishedKeys keys,
      LongConsumer progress)
      throws FileRejectedException, IOException, InterruptedException {
    long began = System.nanoTime();
    try (rest) {
      while (rest.next() != null) {
        // only whether the file is refused somewhere matters here
      }
    }
    log.info(
        "upload {} ({}) is larger than one transaction; read to its end in {} ms, it is published"
            + " in parts as the pipeline makes room",
        uploadId,
        fileName,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began));
    int partitions = partitionCount(topic(rest));
    Committed committed = new Committed();
    Backoff backoff = new Backoff(RETRY_FIRST, RETRY_LONGEST);
    while (true) {
      try (ReportFile file = reopen.open()) {
        return publishParts(
            new Publication(uploadId, fileName, file, partitions, keys, progress), committed);
      } catch (IOException | RuntimeException e) {
        if (committed.rows == 0) {
          throw e;
        }
        log.warn(
            "upload {} ({}): a part after row {} failed; publishing again from there in {} ms",
            uploadId,
            fileName,
            committed.rows,
            backoff.next().toMillis(),
            e);
        backoff.sleep();
      }
    }
  }

  private Published publishParts(Publication publication, Committed committed)
      throws FileRejectedException, IOException, InterruptedException {
    publication.skip(committed.rows);
    long waitedNanos = 0;
    for (int parts = 1; ; parts++) {
      long waitBegan = System.nanoTime();
      long room = backlog.awaitRoom(publishing.aheadRows());
      waitedNanos += System.nanoTime() - waitBegan;
      Published published =
          inTransaction(
              operations ->
                  publication.sendUpTo(publication.rows() + room, operations)
                      ? publication.sendMarkers(operations)
                      : null);
      committed.rows = publication.rows();
      if (published != null) {
        log.info(
            "upload {} ({}): {} rows published in {} parts, {} s spent waiting for the pipeline",
            publication.uploadId,
            publication.fileName,
            publication.rows(),
            parts,
            TimeUnit.NANOSECONDS.toSeconds(waitedNanos));
        return published;
      }
    }
  }

  /** Runs {@code work} in a transaction, aborted when it throws; null is a valid answer. */
  private Published inTransaction(TransactionWork work) throws FileRejectedException, IOException {
    try {
      return kafka.executeInTransaction(
          operations -> {
            try {
              return work.run(operations);
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

  private int partitionCount(String topic) throws IOException, InterruptedException {
    try {
      return admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS)
          .get(topic)
          .partitions()
          .size();
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("cannot read the partitions of " + topic, e);
    }
  }

  private static String topic(ReportFile file) {
    return Topics.raw(file.kind()).name();
  }

  /** Opens an upload's stored file again, at its first row. */
  @FunctionalInterface
  interface Reopening {
    ReportFile open() throws FileRejectedException, IOException;
  }

  @FunctionalInterface
  private interface TransactionWork {
    Published run(KafkaOperations<String, RawEvent> operations)
        throws FileRejectedException, IOException;
  }

  /** The rows of a publication in parts that are committed, across its attempts. */
  private static final class Committed {
    long rows;
  }

  /**
   * One reading of a file turned into records: each row's line identity and partition, the rows of
   * each partition for the markers, and the row read ahead to know whether the file ends.
   */
  private static final class Publication {
    private final long uploadId;
    private final String fileName;
    private final ReportFile file;
    private final ReportKind kind;
    private final String topic;
    private final long[] rowsPerPartition;
    private final OccurrenceCounter occurrences = new OccurrenceCounter();
    private final PublishedKeys keys;
    private final LongConsumer progress;
    private long rows;
    private ReportRow next;
    private boolean started;

    Publication(
        long uploadId,
        String fileName,
        ReportFile file,
        int partitions,
        PublishedKeys keys,
        LongConsumer progress) {
      this.uploadId = uploadId;
      this.fileName = fileName;
      this.file = file;
      this.kind = file.kind();
      this.topic = Topics.raw(kind).name();
      this.rowsPerPartition = new long[partitions];
      this.keys = keys;
      this.progress = progress;
    }

    long rows() {
      return rows;
    }

    /** Reads and counts the first {@code count} rows without sending them. */
    void skip(long count) throws FileRejectedException, IOException {
      while (rows < count && peek() != null) {
        record(take());
      }
    }

    /**
     * Sends rows until {@code limit} rows are done or the file ends.
     *
     * @return whether the file has ended
     */
    boolean sendUpTo(long limit, KafkaOperations<String, RawEvent> operations)
        throws FileRejectedException, IOException {
      while (rows < limit && peek() != null) {
        operations.send(record(take()));
        if (rows % PROGRESS_EVERY_ROWS == 0) {
          progress.accept(rows);
        }
      }
      return peek() == null;
    }

    private ReportRow peek() throws FileRejectedException, IOException {
      if (!started) {
        next = file.next();
        started = true;
      }
      return next;
    }

    private ReportRow take() throws FileRejectedException, IOException {
      ReportRow row = next;
      next = file.next();
      return row;
    }

    private ProducerRecord<String, RawEvent> record(ReportRow row) {
      Map<String, String> values = withoutNul(row.values());
      ContentHash hash = LineIdentity.contentHash(kind, values);
      String lineId = LineIdentity.lineId(hash, occurrences.next(hash));
      String orderId = values.get(ReportKind.ORDER_ID);
      String key = Topics.rowKey(orderId, lineId);
      int partition = partitionOf(key, rowsPerPartition.length);
      rowsPerPartition[partition]++;
      rows++;
      if (keys != null) {
        keys.add(orderId, lineId);
      }
      return new ProducerRecord<>(
          topic,
          partition,
          key,
          new RawRow(uploadId, kind, fileName, row.rowNumber(), lineId, values));
    }

    /** After the rows, in their transaction: an end marker on every partition. */
    Published sendMarkers(KafkaOperations<String, RawEvent> operations) {
      int partitions = rowsPerPartition.length;
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

  /** Aborts the transaction of a file that turned out too large to be published in one. */
  private static final class LargerThanOneTransaction extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LargerThanOneTransaction() {
      super(null, null, false, false);
    }
  }
}
