package dev.recon.ingest.upload;

/** Asked for an upload that does not exist: answered 404. */
public class UploadNotFoundException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public UploadNotFoundException(String message) {
    super(message);
  }
}
