package dev.recon.ingest.web;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** An upload's progress as Server-Sent Events, for the upload page's live bars. */
@RestController
class ProgressController {

  private final ProgressStreams streams;

  ProgressController(ProgressStreams streams) {
    this.streams = streams;
  }

  /**
   * One event with the upload's JSON now and one more whenever it changes; the stream ends after
   * the event with a final status (RECONCILED, REJECTED or FAILED).
   */
  @GetMapping(path = "/api/uploads/{id}/progress", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter progress(@PathVariable long id) {
    return streams.subscribe(id);
  }
}
