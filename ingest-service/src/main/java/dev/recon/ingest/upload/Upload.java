package dev.recon.ingest.upload;

import java.time.OffsetDateTime;

/** One uploaded file, as the gateway records it. */
public record Upload(
    long id,
    String fileName,
    long sizeBytes,
    String sha256,
    String kind,
    String format,
    UploadStatus status,
    long rowsRead,
    long rowsPublished,
    Integer partitions,
    String error,
    OffsetDateTime receivedAt,
    OffsetDateTime publishedAt,
    OffsetDateTime finishedAt) {}
