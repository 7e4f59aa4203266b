package dev.recon.ingest.upload;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How far the gateway may run ahead of the pipeline. Every read-committed consumer stops at the
 * first open transaction of a partition, and a row published now is reconciled after every row
 * published before it: rows the gateway publishes faster than the pipeline reconciles them (about
 * 85,000 against 10,000 a second on two cores) are a queue that any later upload waits behind.
 *
 * @param wholeUploadRows an upload of at most this many rows is published at once, in one Kafka
 *     transaction; a larger one is first read to its end (a file refused half-way publishes
 *     nothing), then published in parts, each in its own transaction, as the pipeline makes room
 * @param aheadRows how many rows may be published and not yet through the pipeline (the lag of the
 *     transform, merge and sink groups together) before a large upload waits to publish more: about
 *     a second of the pipeline's work, which keeps it busy and is all a later upload waits behind
 */
@ConfigurationProperties("recon.ingest.publishing")
public record PublishingProperties(
    @DefaultValue("30000") long wholeUploadRows, @DefaultValue("10000") long aheadRows) {

  public PublishingProperties {
    if (wholeUploadRows < 1 || aheadRows < 1) {
      throw new IllegalArgumentException(
          "RECON_PUBLISH_WHOLE_UPLOAD_ROWS and RECON_PUBLISH_AHEAD_ROWS must be at least 1");
    }
  }
}
