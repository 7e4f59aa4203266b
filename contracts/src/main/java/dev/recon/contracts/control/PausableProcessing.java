package dev.recon.contracts.control;

import java.util.Set;

/** What a service instance runs from the pipeline's topics, as the control channel drives it. */
public interface PausableProcessing {

  /**
   * Starts processing from the committed offsets, with local state built after replay {@code
   * replayGeneration} (0: none so far), dropping any older, and skipping the rows of {@code
   * retractedUploads}; does nothing when already running.
   */
  void startProcessing(long replayGeneration, Set<Long> retractedUploads);

  /**
   * Stops processing and leaves the consumer groups at once (not after a session timeout), and
   * drops local state, which the replay makes stale.
   */
  void pauseForReplay();
}
