package dev.recon.ingest.upload;

import dev.recon.contracts.ReportKind;
import dev.recon.ingest.replay.Retractions;
import dev.recon.ingest.results.Csv;
import dev.recon.ingest.results.ResultsRepository;
import dev.recon.ingest.results.ResultsRepository.RejectedRowView;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Uploads: one or more report files in, each its own upload with its own status. */
@RestController
@RequestMapping("/api/uploads")
class UploadController {

  private final Uploads uploads;
  private final UploadRepository repository;
  private final UploadProgress progress;
  private final ResultsRepository results;
  private final Retractions retractions;

  UploadController(
      Uploads uploads,
      UploadRepository repository,
      UploadProgress progress,
      ResultsRepository results,
      Retractions retractions) {
    this.uploads = uploads;
    this.repository = repository;
    this.progress = progress;
    this.results = results;
    this.retractions = retractions;
  }

  private UploadView view(Upload upload) {
    return UploadView.of(upload, progress.of(upload));
  }

  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<Map<String, Object>> upload(
      @RequestParam("file") List<MultipartFile> files,
      @RequestParam(name = "kind", required = false) String kind)
      throws IOException {
    ReportKind reportKind = kind == null || kind.isBlank() ? null : ReportKind.fromId(kind);
    List<UploadView> accepted = new ArrayList<>();
    for (MultipartFile file : files) {
      try (InputStream content = file.getInputStream()) {
        accepted.add(view(uploads.accept(file.getOriginalFilename(), content, reportKind, null)));
      }
    }
    boolean allRejected = accepted.stream().allMatch(u -> u.status() == UploadStatus.REJECTED);
    if (allRejected) {
      String error =
          accepted.size() == 1
              ? accepted.get(0).error()
              : "no file could be read: "
                  + String.join("; ", accepted.stream().map(UploadView::error).toList());
      return ResponseEntity.unprocessableEntity().body(Map.of("error", error, "uploads", accepted));
    }
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("uploads", accepted));
  }

  @GetMapping
  Map<String, Object> list(@RequestParam(defaultValue = "200") int limit) {
    return Map.of(
        "uploads", repository.latest(Math.min(limit, 1000)).stream().map(this::view).toList());
  }

  @GetMapping("/{id}")
  UploadView one(@PathVariable long id) {
    return view(uploads.find(id));
  }

  /**
   * Takes an upload back (SPEC §8.3): 202 with the upload, RETRACTING until a replay has rebuilt
   * every result without it, then RETRACTED. An admin call: it needs the API token in every scope.
   */
  @DeleteMapping("/{id}")
  ResponseEntity<UploadView> retract(@PathVariable long id) {
    retractions.retract(id);
    return ResponseEntity.status(HttpStatus.ACCEPTED).body(view(uploads.find(id)));
  }

  @GetMapping("/{id}/rejected")
  ResponseEntity<?> rejected(
      @PathVariable long id, @RequestParam(defaultValue = "json") String format) {
    Upload upload = uploads.find(id);
    List<RejectedRowView> rows =
        upload.status() == UploadStatus.REJECTED
            ? List.of(
                new RejectedRowView(
                    upload.fileName(),
                    0,
                    upload.kind() == null ? "" : upload.kind(),
                    upload.error(),
                    upload.error(),
                    Map.of()))
            : results.rejectedRows(id);
    if (!format.equalsIgnoreCase("csv")) {
      return ResponseEntity.ok(Map.of("uploadId", id, "rejected", rows));
    }
    StringBuilder csv = new StringBuilder("file,row_number,reason,message\n");
    for (RejectedRowView row : rows) {
      csv.append(Csv.text(row.fileName()))
          .append(',')
          .append(row.rowNumber())
          .append(',')
          .append(Csv.text(row.reason()))
          .append(',')
          .append(Csv.text(row.message()))
          .append('\n');
    }
    return ResponseEntity.ok()
        .header("Content-Disposition", "attachment; filename=\"rejected-upload-" + id + ".csv\"")
        .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
        .body(csv.toString());
  }
}
