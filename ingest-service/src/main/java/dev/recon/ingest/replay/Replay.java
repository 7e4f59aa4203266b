package dev.recon.ingest.replay;

import java.time.OffsetDateTime;

/**
 * One rebuild of every result from the raw topics.
 *
 * @param uploadsTotal the uploads being reprocessed (known once the read model is cleared)
 * @param uploadsDone of those, the ones RECONCILED again
 */
public record Replay(
    long id,
    ReplayStatus status,
    String error,
    int uploadsTotal,
    int uploadsDone,
    long rowsTotal,
    long rowsDone,
    OffsetDateTime requestedAt,
    OffsetDateTime finishedAt) {}
