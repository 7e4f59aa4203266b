package dev.recon.ingest;

import dev.recon.ingest.upload.UploadNotFoundException;
import java.util.Map;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.server.ResponseStatusException;

/** Errors as {@code {"error": "..."}} with a status a client can act on. */
@RestControllerAdvice(basePackages = "dev.recon.ingest")
class ApiErrors {

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> badRequest(IllegalArgumentException e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler({
    MissingServletRequestParameterException.class,
    MissingServletRequestPartException.class
  })
  ResponseEntity<Map<String, String>> missingPart(Exception e) {
    return error(HttpStatus.BAD_REQUEST, e.getMessage());
  }

  @ExceptionHandler(UploadNotFoundException.class)
  ResponseEntity<Map<String, String>> notFound(UploadNotFoundException e) {
    return error(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler(ResponseStatusException.class)
  ResponseEntity<Map<String, String>> status(ResponseStatusException e) {
    return error(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason());
  }

  @ExceptionHandler(MaxUploadSizeExceededException.class)
  ResponseEntity<Map<String, String>> tooLarge(MaxUploadSizeExceededException e) {
    return error(
        HttpStatus.CONTENT_TOO_LARGE,
        "the upload is larger than the limit of this gateway (" + e.getMaxUploadSize() + " bytes)");
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<Map<String, String>> storeUnavailable(DataAccessException e) {
    return error(
        HttpStatus.SERVICE_UNAVAILABLE,
        "the results store is not ready or not reachable; try again in a moment");
  }

  private static ResponseEntity<Map<String, String>> error(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("error", message == null ? "" : message));
  }
}
