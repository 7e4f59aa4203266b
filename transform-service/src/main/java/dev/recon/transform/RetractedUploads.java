package dev.recon.transform;

import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.UploadMarker;
import java.util.Set;

/**
 * The uploads retracted so far (SPEC §8.3), whose rows and markers the graph skips. Set from the
 * control channel only while the graph is stopped, before it starts: every record of a run is
 * judged by the same set, so a replay after a retraction rebuilds the results as if the upload had
 * never been made.
 */
public final class RetractedUploads {

  private volatile Set<Long> uploads = Set.of();

  void replaceWith(Set<Long> retracted) {
    uploads = Set.copyOf(retracted);
  }

  boolean skips(RawEvent event) {
    long uploadId =
        event instanceof RawRow row ? row.uploadId() : ((UploadMarker) event).uploadId();
    return uploads.contains(uploadId);
  }
}
