package dev.recon.ingest.web;

import dev.recon.ingest.upload.Upload;
import dev.recon.ingest.upload.UploadProgress;
import dev.recon.ingest.upload.UploadView;
import dev.recon.ingest.upload.Uploads;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes each watched upload to its browsers whenever it changes, until its status is final. One
 * scheduled check serves every stream: an upload is read once per check however many browsers watch
 * it, and no thread waits per browser.
 */
@Component
class ProgressStreams {

  private static final Logger log = LoggerFactory.getLogger(ProgressStreams.class);

  private final Uploads uploads;
  private final UploadProgress progress;
  private final Duration timeout;
  private final Map<Long, Set<Subscriber>> subscribers = new ConcurrentHashMap<>();

  ProgressStreams(
      Uploads uploads,
      UploadProgress progress,
      @Value("${recon.web.progress-stream-timeout:30m}") Duration timeout) {
    this.uploads = uploads;
    this.progress = progress;
    this.timeout = timeout;
  }

  /**
   * A stream that starts with the upload as it is now.
   *
   * @throws dev.recon.ingest.upload.UploadNotFoundException before any stream exists, so that the
   *     caller gets a plain 404
   */
  SseEmitter subscribe(long uploadId) {
    UploadView now = snapshot(uploadId);
    // A browser's EventSource reconnects by itself after the timeout and gets the state afresh.
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    Subscriber subscriber = new Subscriber(emitter);
    if (!subscriber.offer(now)) {
      return emitter;
    }
    // Added inside compute, atomic with unsubscribe's removal of an emptied set.
    subscribers.compute(
        uploadId,
        (id, watching) -> {
          Set<Subscriber> set = watching == null ? ConcurrentHashMap.newKeySet() : watching;
          set.add(subscriber);
          return set;
        });
    emitter.onCompletion(() -> unsubscribe(uploadId, subscriber));
    emitter.onTimeout(emitter::complete);
    emitter.onError(error -> unsubscribe(uploadId, subscriber));
    return emitter;
  }

  @Scheduled(fixedDelayString = "${recon.web.progress-interval:250ms}")
  void push() {
    subscribers.forEach(
        (uploadId, watching) -> {
          UploadView now;
          try {
            now = snapshot(uploadId);
          } catch (RuntimeException e) {
            // The store may be down for a moment: the streams stay open and catch up later.
            log.debug("cannot read upload {}: {}", uploadId, e.toString());
            return;
          }
          for (Subscriber subscriber : watching) {
            if (!subscriber.offer(now)) {
              unsubscribe(uploadId, subscriber);
            }
          }
        });
  }

  /** Streams open now. */
  int open() {
    return subscribers.values().stream().mapToInt(Set::size).sum();
  }

  private UploadView snapshot(long uploadId) {
    Upload upload = uploads.find(uploadId);
    return UploadView.of(upload, progress.of(upload));
  }

  private void unsubscribe(long uploadId, Subscriber subscriber) {
    subscribers.computeIfPresent(
        uploadId,
        (id, watching) -> {
          watching.remove(subscriber);
          return watching.isEmpty() ? null : watching;
        });
  }

  /** One browser's stream and what it was sent last. */
  private static final class Subscriber {
    private final SseEmitter emitter;
    private UploadView lastSent;

    Subscriber(SseEmitter emitter) {
      this.emitter = emitter;
    }

    /**
     * Sends the snapshot if it differs from the last one sent, and ends the stream at a final
     * status.
     *
     * @return whether the stream stays open
     */
    synchronized boolean offer(UploadView snapshot) {
      if (!Objects.equals(snapshot, lastSent)) {
        try {
          emitter.send(SseEmitter.event().data(snapshot, MediaType.APPLICATION_JSON));
        } catch (IOException | IllegalStateException e) {
          // The browser went away, or the stream ended meanwhile.
          emitter.completeWithError(e);
          return false;
        }
        lastSent = snapshot;
      }
      if (snapshot.isFinal()) {
        emitter.complete();
        return false;
      }
      return true;
    }
  }
}
