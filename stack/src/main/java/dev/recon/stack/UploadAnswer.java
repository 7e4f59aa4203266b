package dev.recon.stack;

import java.util.List;

/**
 * The gateway's answer to {@code POST /api/uploads}.
 *
 * @param httpStatus 202 when the files were taken, 4xx when the request was refused
 * @param error the reason for a refusal; null when taken
 * @param uploads one entry per file that the gateway reported on
 */
public record UploadAnswer(int httpStatus, String error, List<UploadState> uploads) {
  public UploadAnswer {
    uploads = List.copyOf(uploads);
  }

  public boolean accepted() {
    return httpStatus / 100 == 2;
  }
}
