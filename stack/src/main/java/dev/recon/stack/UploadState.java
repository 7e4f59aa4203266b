package dev.recon.stack;

import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway says about one uploaded file.
 *
 * @param id the upload's id, as text whatever its JSON type
 * @param status RECEIVED, PUBLISHED, RECONCILED, REJECTED or FAILED
 * @param error why the file was rejected or failed; null otherwise
 * @param rowsPublished rows sent down the pipeline so far; null when not reported
 * @param progress the gateway's progress object, as it sent it; null when not reported
 */
public record UploadState(
    String id,
    String fileName,
    String kind,
    String status,
    String error,
    Long rowsPublished,
    JsonNode progress) {

  public static final String RECONCILED = "RECONCILED";
  public static final String REJECTED = "REJECTED";
  public static final String FAILED = "FAILED";
  private static final Set<String> FINAL = Set.of(RECONCILED, REJECTED, FAILED);

  static UploadState of(JsonNode json) {
    JsonNode rows = json.path("rowsPublished");
    JsonNode progress = json.path("progress");
    return new UploadState(
        Json.text(json.path("id")),
        Json.text(json.path("fileName")),
        Json.text(json.path("kind")),
        Json.text(json.path("status")),
        Json.text(json.path("error")),
        rows.isNumber() ? rows.asLong() : null,
        progress.isMissingNode() || progress.isNull() ? null : progress);
  }

  /** Whether the pipeline is done with the file, one way or the other. */
  public boolean isFinal() {
    return FINAL.contains(status);
  }

  public boolean isReconciled() {
    return RECONCILED.equals(status);
  }
}
