package dev.recon.ingest.upload;

/** Where an upload is: RECEIVED → PUBLISHED → RECONCILED, or REJECTED / FAILED with a reason. */
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
  FAILED;

  public boolean isFinal() {
    return this == RECONCILED || this == REJECTED || this == FAILED;
  }
}
