package dev.recon.ingest.parse;

/**
 * A report refused as a whole (SPEC §1): nothing of it may be published. The message is meant for
 * the person who uploaded the file, so it names the file, the line or row where there is one, and
 * what would have been accepted.
 */
public final class FileRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String code;

  public FileRejectedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public FileRejectedException(String code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  /** The upper-case problem name, for example {@code NO_HEADER}. */
  public String code() {
    return code;
  }

  /**
   * The reason recorded for the file, as in {@code rejected.csv}: {@code FILE_<CODE>: <message>}.
   */
  public String reason() {
    return "FILE_" + code + ": " + getMessage();
  }
}
