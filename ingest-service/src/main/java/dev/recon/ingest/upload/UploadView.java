package dev.recon.ingest.upload;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * What the API and the progress streams show of an upload. Two views are equal exactly when a
 * person watching would see no difference, which decides whether a stream sends a new event.
 */
public record UploadView(
    long id,
    String fileName,
    String kind,
    String format,
    UploadStatus status,
    long sizeBytes,
    String sha256,
    long rowsRead,
    long rowsPublished,
    String error,
    OffsetDateTime receivedAt,
    OffsetDateTime publishedAt,
    OffsetDateTime finishedAt,
    Long durationMillis,
    UploadProgress.Progress progress) {

  public static UploadView of(Upload upload, UploadProgress.Progress progress) {
    Long duration =
        upload.finishedAt() == null
            ? null
            : Duration.between(upload.receivedAt(), upload.finishedAt()).toMillis();
    return new UploadView(
        upload.id(),
        upload.fileName(),
        upload.kind(),
        upload.format(),
        upload.status(),
        upload.sizeBytes(),
        upload.sha256(),
        upload.rowsRead(),
        upload.rowsPublished(),
        upload.error(),
        upload.receivedAt(),
        upload.publishedAt(),
        upload.finishedAt(),
        duration,
        progress);
  }

  public boolean isFinal() {
    return status.isFinal();
  }
}
