package dev.recon.ingest.upload;

import dev.recon.ingest.IngestProperties;
import dev.recon.ingest.replay.ReplayProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The records published and not yet through the pipeline: how far the transform, the merge and the
 * sink each lag behind the end of the topics they read, summed. A row waits in one of those queues
 * at a time, so this is the work a row published now would wait behind.
 */
@Component
class PipelineBacklog {

  private static final Logger log = LoggerFactory.getLogger(PipelineBacklog.class);

  /** About the Streams services' commit interval: a shorter poll would only see the same lag. */
  static final Duration POLL = Duration.ofMillis(200);

  /** Ten seconds of a backlog that does not move at all. */
  static final int STALLED_POLLS = 50;

  private static final long ADMIN_TIMEOUT_SECONDS = 5;

  private final Admin admin;
  private final List<String> groups;

  PipelineBacklog(Admin admin, IngestProperties ingest, ReplayProperties pipeline) {
    this.admin = admin;
    this.groups =
        List.of(ingest.transformGroup(), pipeline.mergeApplication(), pipeline.sinkGroup());
  }

  /**
   * Waits until at least a quarter of {@code aheadRows} is free, and answers how many rows may be
   * published now. Parts smaller than that would buy nothing but more transactions.
   */
  long awaitRoom(long aheadRows) throws InterruptedException {
    return awaitRoom(this::records, aheadRows, POLL);
  }

  /** What {@link #records()} reads, so that the waiting can be tried on given backlogs. */
  @FunctionalInterface
  interface Reading {
    long records() throws InterruptedException;
  }

  /**
   * Polls {@code backlog} until it leaves room. A backlog that has not moved for {@link
   * #STALLED_POLLS} polls lets a quarter of the bound through anyway: either nothing consumes (a
   * stopped stage, whose queue then grows by a part per stall rather than by the whole upload, as
   * it did before there was a bound) or the lag is records no consumer commits past (an aborted
   * transaction's records at the end of a partition are skipped without a new committed offset),
   * which would otherwise hold the upload forever.
   */
  static long awaitRoom(Reading backlog, long aheadRows, Duration poll)
      throws InterruptedException {
    long last = -1;
    int unchanged = 0;
    while (true) {
      long records = backlog.records();
      long room = room(records, aheadRows);
      if (room > 0) {
        return room;
      }
      unchanged = records == last ? unchanged + 1 : 0;
      if (unchanged >= STALLED_POLLS) {
        log.info(
            "the pipeline's backlog has stayed at {} records for {} s: publishing a part anyway",
            records,
            poll.multipliedBy(STALLED_POLLS).toSeconds());
        return Math.max(1, aheadRows / 4);
      }
      last = records;
      Thread.sleep(poll.toMillis());
    }
  }

  /** The rows that may be published on a backlog of {@code backlog}, or 0 to wait. */
  static long room(long backlog, long aheadRows) {
    long room = aheadRows - backlog;
    return room >= Math.max(1, aheadRows / 4) ? room : 0;
  }

  /**
   * The summed lag of the pipeline's groups, or 0 when the broker cannot say: publishing then goes
   * on as if nothing waited, and meets the broker's trouble in its own sends.
   */
  long records() throws InterruptedException {
    try {
      Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
      groups.forEach(group -> specs.put(group, new ListConsumerGroupOffsetsSpec()));
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
          admin.listConsumerGroupOffsets(specs).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      committed
          .values()
          .forEach(offsets -> offsets.keySet().forEach(p -> latest.put(p, OffsetSpec.latest())));
      if (latest.isEmpty()) {
        return 0;
      }
      Map<TopicPartition, ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      Map<TopicPartition, Long> endOffsets = new HashMap<>();
      ends.forEach((partition, info) -> endOffsets.put(partition, info.offset()));
      return committed.values().stream().mapToLong(offsets -> lag(offsets, endOffsets)).sum();
    } catch (ExecutionException | TimeoutException e) {
      log.debug("cannot read the pipeline's lag: {}", e.toString());
      return 0;
    }
  }

  /**
   * One group's records between its committed offsets and the ends of those partitions. A partition
   * the group has committed nothing on counts nothing: a group that has not started yet has no lag
   * to wait for (a consumer starting at the end would never commit there).
   */
  static long lag(
      Map<TopicPartition, OffsetAndMetadata> committed, Map<TopicPartition, Long> ends) {
    long lag = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
      Long end = ends.get(entry.getKey());
      if (end != null && entry.getValue() != null) {
        lag += Math.max(0, end - entry.getValue().offset());
      }
    }
    return lag;
  }
}
