package dev.recon.ingest.upload;

/**
 * Where an upload is: RECEIVED → PUBLISHED → RECONCILED, or REJECTED / FAILED with a reason; and
 * RETRACTING → RETRACTED once taken back (SPEC §8.3).
 */
public enum UploadStatus {
  /** Stored; its rows are being read and published. */
  RECEIVED,
  /** Every row is on the raw topic, committed; the pipeline is working on them. */
  PUBLISHED,
  /** Every row is reflected in PostgreSQL. */
  RECONCILED,
  /** The file cannot be read as a report; nothing of it was published. */
  REJECTED,
  /** Something other than the file went wrong (e.g. Kafka unreachable); nothing was published. */
  FAILED,
  /** Taken back: a replay is rebuilding every result without its rows. */
  RETRACTING,
  /** Taken back: no result holds anything of it any more; its raw records stay in the history. */
  RETRACTED;

  public boolean isFinal() {
    return this == RECONCILED || this == REJECTED || this == FAILED || this == RETRACTED;
  }
}
