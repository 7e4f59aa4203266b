package dev.recon.ingest.upload;

import dev.recon.contracts.ReportKind;
import dev.recon.contracts.Topics;
import dev.recon.ingest.IngestProperties;
import dev.recon.ingest.eventlog.EventLog;
import dev.recon.ingest.upload.UploadRepository.PartitionMarker;
import dev.recon.ingest.upload.UploadRepository.SinkProgress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Follows published uploads through the pipeline. The transform stage has passed an upload's rows
 * on a partition when its committed offset is beyond that partition's end marker, and at least as
 * many as it is close to the marker before that; the sink has written them when the marker reached
 * PostgreSQL on both topics it reads. An upload is RECONCILED only when every partition's marker
 * has: never earlier.
 */
@Component
public class UploadProgress {

  private static final Logger log = LoggerFactory.getLogger(UploadProgress.class);

  /**
   * Rows of an upload that each stage has finished.
   *
   * @param total the upload's rows, once they are all read; null before
   */
  public record Progress(long published, long transformed, long reconciled, Long total) {}

  private final UploadRepository repository;
  private final EventLog events;
  private final Admin admin;
  private final String transformGroup;
  private final Map<Long, Progress> published = new ConcurrentHashMap<>();

  UploadProgress(
      UploadRepository repository, EventLog events, Admin admin, IngestProperties properties) {
    this.repository = repository;
    this.events = events;
    this.admin = admin;
    this.transformGroup = properties.transformGroup();
  }

  public Progress of(Upload upload) {
    return switch (upload.status()) {
      case RECEIVED -> new Progress(upload.rowsRead(), 0, 0, null);
      case PUBLISHED ->
          published.getOrDefault(
              upload.id(), new Progress(upload.rowsPublished(), 0, 0, upload.rowsRead()));
      case RECONCILED ->
          new Progress(
              upload.rowsPublished(),
              upload.rowsPublished(),
              upload.rowsPublished(),
              upload.rowsRead());
      case REJECTED, FAILED, RETRACTING, RETRACTED -> new Progress(0, 0, 0, null);
    };
  }

  @Scheduled(fixedDelayString = "${recon.ingest.progress-interval:250ms}")
  void refresh() {
    List<Upload> publishedUploads =
        repository.inProgress().stream()
            .filter(upload -> upload.status() == UploadStatus.PUBLISHED)
            .toList();
    published.keySet().retainAll(publishedUploads.stream().map(Upload::id).toList());
    if (publishedUploads.isEmpty()) {
      return;
    }
    Map<TopicPartition, OffsetAndMetadata> transformed = null;
    for (Upload upload : publishedUploads) {
      if (repository.reconcileIfComplete(
          upload.id(), Topics.RESULTS.name(), Topics.REJECTED.name())) {
        events.info(
            "reconciled " + upload.rowsPublished() + " rows of " + upload.fileName(),
            "upload " + upload.id());
        published.remove(upload.id());
        continue;
      }
      if (transformed == null) {
        transformed = transformOffsets();
      }
      SinkProgress sink = repository.sinkProgress(upload.id(), Topics.RESULTS.name());
      String rawTopic = Topics.raw(ReportKind.fromId(upload.kind())).name();
      long rowsTransformed = 0;
      for (PartitionMarker marker : repository.markers(upload.id())) {
        OffsetAndMetadata committed =
            transformed.get(new TopicPartition(rawTopic, marker.partition()));
        if (committed != null) {
          rowsTransformed += rowsPassed(marker, committed.offset());
        }
      }
      published.put(
          upload.id(),
          new Progress(
              upload.rowsPublished(),
              rowsTransformed,
              Math.min(sink.rowsReconciled(), rowsTransformed),
              upload.rowsRead()));
    }
  }

  /**
   * The rows of a partition that a consumer at {@code committed} has certainly passed: all once it
   * is beyond the marker, else those not between it and the marker. Other uploads' records and
   * transaction markers may lie in between, so this counts low, never high.
   */
  static long rowsPassed(PartitionMarker marker, long committed) {
    if (committed > marker.markerOffset()) {
      return marker.rows();
    }
    return Math.max(0, marker.rows() - (marker.markerOffset() - committed));
  }

  private Map<TopicPartition, OffsetAndMetadata> transformOffsets() {
    try {
      return admin
          .listConsumerGroupOffsets(transformGroup)
          .partitionsToOffsetAndMetadata()
          .get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Map.of();
    } catch (Exception e) {
      log.debug("cannot read the offsets of {}: {}", transformGroup, e.toString());
      return Map.of();
    }
  }
}
