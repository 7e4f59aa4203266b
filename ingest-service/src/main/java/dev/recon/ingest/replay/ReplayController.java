package dev.recon.ingest.replay;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Replays, for operators: authenticated like every {@code /api/admin} call. */
@RestController
@RequestMapping("/api/admin/replays")
class ReplayController {

  private final Replays replays;

  ReplayController(Replays replays) {
    this.replays = replays;
  }

  /** 202 with the new replay; 409 with the one under way when there is one. */
  @PostMapping
  ResponseEntity<Object> request() {
    return replays
        .request()
        .<ResponseEntity<Object>>map(replay -> ResponseEntity.accepted().body(replay))
        .orElseGet(
            () ->
                ResponseEntity.status(HttpStatus.CONFLICT)
                    .body(
                        Map.of(
                            "error",
                            "a replay is already under way",
                            "replays",
                            replays.latest(1))));
  }

  @GetMapping
  List<Replay> latest() {
    return replays.latest(20);
  }

  @GetMapping("/{id}")
  Replay find(@PathVariable long id) {
    return replays
        .find(id)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "no replay " + id));
  }
}
