package dev.recon.contracts.control;

/** What a service instance runs from the pipeline's topics, as the control channel drives it. */
public interface PausableProcessing {

  /** Starts processing from the committed offsets; does nothing when already running. */
  void startProcessing();

  /**
   * Stops processing and leaves the consumer groups at once (not after a session timeout), and
   * drops local state, which the replay makes stale.
   */
  void pauseForReplay();
}
