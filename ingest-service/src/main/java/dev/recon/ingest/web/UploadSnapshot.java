package dev.recon.ingest.web;

import dev.recon.ingest.upload.Upload;
import dev.recon.ingest.upload.UploadProgress;
import dev.recon.ingest.upload.UploadStatus;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * What a progress stream sends of an upload: the fields of {@code GET /api/uploads/{id}}. Two
 * snapshots are equal exactly when a person watching would see no difference, which is what decides
 * whether a new event is sent.
 */
record UploadSnapshot(
    long id,
    String fileName,
    String kind,
    String format,
    UploadStatus status,
    long sizeBytes,
    long rowsRead,
    long rowsPublished,
    String error,
    OffsetDateTime receivedAt,
    OffsetDateTime publishedAt,
    OffsetDateTime finishedAt,
    Long durationMillis,
    UploadProgress.Progress progress) {

  static UploadSnapshot of(Upload upload, UploadProgress.Progress progress) {
    Long duration =
        upload.finishedAt() == null
            ? null
            : Duration.between(upload.receivedAt(), upload.finishedAt()).toMillis();
    return new UploadSnapshot(
        upload.id(),
        upload.fileName(),
        upload.kind(),
        upload.format(),
        upload.status(),
        upload.sizeBytes(),
        upload.rowsRead(),
        upload.rowsPublished(),
        upload.error(),
        upload.receivedAt(),
        upload.publishedAt(),
        upload.finishedAt(),
        duration,
        progress);
  }

  boolean isFinal() {
    return status.isFinal();
  }
}
