package dev.recon.contracts;

/**
 * The end of one upload on one partition. The gateway writes one to every partition of the raw
 * topic after the upload's rows, in the same transaction; each stage forwards it to the same
 * partition of its output after everything it did with those rows. When the sink has seen the
 * marker on every partition of the topics it reads, every row of the upload is in PostgreSQL.
 *
 * @param rows the upload's rows on this partition, so that progress can be counted in rows
 */
public record UploadMarker(long uploadId, int partition, long rows)
    implements RawEvent, LineEvent, RejectedEvent, ResultEvent {

  /** The record key: unique per upload and partition. */
  public String key() {
    return "#upload-" + uploadId + "-" + partition;
  }
}
