package dev.recon.ingest.replay;

import dev.recon.ingest.eventlog.EventLog;
import dev.recon.ingest.upload.UploadNotFoundException;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Takes uploads back (SPEC §8.3). An upload whose rows reached the pipeline is RETRACTING until a
 * replay has rebuilt every result without them: the replay's resume tells the transform to skip the
 * rows and markers of every retracted upload, now and in every later run, and the upload is
 * RETRACTED when the replay is DONE. So a retraction has every guarantee of a replay (a kill of any
 * service or gateway mid-way ends with the same results), and costs what a replay costs: every row
 * of the ledger is processed again. An upload refused or failed before publishing anything is
 * RETRACTED at once.
 *
 * <p>Retractions wait for a replay under way to finish, and several requested meanwhile share the
 * next one.
 */
@Component
public class Retractions {

  private final ReplayRepository repository;
  private final Replays replays;
  private final EventLog events;

  Retractions(ReplayRepository repository, Replays replays, EventLog events) {
    this.repository = repository;
    this.replays = replays;
    this.events = events;
  }

  /**
   * Retracts an upload; repeating it changes nothing.
   *
   * @throws UploadNotFoundException when there is no such upload
   * @throws ResponseStatusException 409 while the upload is still being read and published
   */
  public void retract(long uploadId) {
    Optional<String> retracting = repository.retract(uploadId);
    if (retracting.isEmpty()) {
      String current =
          repository
              .uploadStatus(uploadId)
              .orElseThrow(() -> new UploadNotFoundException("no upload with id " + uploadId));
      if (current.equals("RECEIVED")) {
        throw new ResponseStatusException(
            HttpStatus.CONFLICT,
            "upload "
                + uploadId
                + " is still being read and published: retract it once it is published");
      }
      return;
    }
    events.info(
        retracting.get().equals("RETRACTED")
            ? "upload retracted (it had published nothing)"
            : "upload retracted: every result is rebuilt without it",
        "upload " + uploadId);
    startWaiting();
  }

  /** Starts a replay for the retractions that wait, once no other replay is under way. */
  @Scheduled(fixedDelayString = "${recon.replay.retraction-check:2s}")
  void startWaiting() {
    if (repository.retractionWaits()) {
      replays.request();
    }
  }
}
