package dev.recon.ingest.legacy;

import dev.recon.contracts.ReportKind;
import dev.recon.contracts.ToleranceStatus;
import dev.recon.ingest.IngestProperties;
import dev.recon.ingest.eventlog.EventLog;
import dev.recon.ingest.results.Decimals;
import dev.recon.ingest.results.ResultsRepository;
import dev.recon.ingest.results.ResultsRepository.LineRow;
import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.upload.PublishedKeys;
import dev.recon.ingest.upload.Upload;
import dev.recon.ingest.upload.UploadStatus;
import dev.recon.ingest.upload.Uploads;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * The original service's API (SPEC §7), kept so that its web client works unchanged: the same
 * paths, fields and JSON shapes, answered by the new pipeline.
 */
@RestController
class LegacyController {

  private static final Duration POLL = Duration.ofMillis(100);

  private final Uploads uploads;
  private final ResultsRepository results;
  private final EventLog events;
  private final Duration timeout;

  LegacyController(
      Uploads uploads, ResultsRepository results, EventLog events, IngestProperties properties) {
    this.uploads = uploads;
    this.results = results;
    this.events = events;
    this.timeout = properties.processFilesTimeout();
  }

  @PostMapping("/process-files")
  ResponseEntity<Map<String, Object>> processFiles(
      @RequestParam("mtr_file") MultipartFile mtrFile,
      @RequestParam("payment_file") MultipartFile paymentFile)
      throws IOException {
    PublishedKeys keys = PublishedKeys.collecting();
    Upload mtr = accept(mtrFile, ReportKind.MTR, keys);
    Upload payment = accept(paymentFile, ReportKind.PAYMENT, keys);
    Instant deadline = Instant.now().plus(timeout);
    while (!(mtr.status().isFinal() && payment.status().isFinal())) {
      if (Instant.now().isAfter(deadline)) {
        return detail(
            HttpStatus.GATEWAY_TIMEOUT,
            "the files were not reconciled within "
                + timeout.toSeconds()
                + " s; uploads "
                + mtr.id()
                + " and "
                + payment.id()
                + " go on, see /api/uploads");
      }
      LockSupport.parkNanos(POLL.toNanos());
      mtr = uploads.find(mtr.id());
      payment = uploads.find(payment.id());
    }
    for (Upload upload : List.of(mtr, payment)) {
      if (upload.status() != UploadStatus.RECONCILED) {
        HttpStatus status =
            upload.status() == UploadStatus.REJECTED
                ? HttpStatus.BAD_REQUEST
                : HttpStatus.INTERNAL_SERVER_ERROR;
        return detail(status, upload.fileName() + ": " + upload.error());
      }
    }
    return ResponseEntity.ok(response(keys));
  }

  private Upload accept(MultipartFile file, ReportKind kind, PublishedKeys keys)
      throws IOException {
    try (InputStream content = file.getInputStream()) {
      return uploads.accept(file.getOriginalFilename(), content, kind, keys);
    }
  }

  /** About the two files of the request only, as the original answered: no other upload's rows. */
  private Map<String, Object> response(PublishedKeys keys) {
    Map<OrderRow, List<LineRow>> orders = results.ordersWithLines(keys.orderIds());
    Map<String, Long> marks = new TreeMap<>();
    Map<String, Long> tolerance = new TreeMap<>();
    List<Map<String, Object>> merged =
        orders.entrySet().stream()
            .map(
                entry -> {
                  marks.merge(entry.getKey().category(), 1L, Long::sum);
                  tolerance.merge(entry.getKey().toleranceStatus(), 1L, Long::sum);
                  return mergedRow(entry.getKey(), entry.getValue());
                })
            .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("merged_df", merged);
    body.put(
        "classification_summary",
        marks.entrySet().stream()
            .map(mark -> Map.of("mark", mark.getKey(), "count", mark.getValue()))
            .toList());
    body.put(
        "tolerance_summary",
        tolerance.entrySet().stream()
            .map(status -> Map.of("ToleranceCheck", status.getKey(), "Count", status.getValue()))
            .toList());
    body.put(
        "transaction_summary",
        results.nonOrderCharges(keys.chargeLineIds()).stream()
            .map(
                group ->
                    Map.of(
                        "Description", group.description(),
                        "NetAmount", Decimals.twoPlaces(group.amount())))
            .toList());
    return body;
  }

  /** One order in the original's column names: its first MTR and first payment line. */
  private static Map<String, Object> mergedRow(OrderRow order, List<LineRow> lines) {
    LineRow mtr = lines.stream().filter(l -> l.kind().equals("mtr")).findFirst().orElse(null);
    LineRow payment =
        lines.stream().filter(l -> l.kind().equals("payment")).findFirst().orElse(null);
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("OrderId", order.orderId());
    row.put("TransactionType_mtr", mtr == null ? null : mtr.transactionType());
    row.put("InvoiceAmount", Decimals.twoPlaces(order.shipmentInvoiceAmount()));
    row.put("InvoiceDate", mtr == null ? null : mtr.date());
    row.put("OrderDate", detail(mtr, "orderdate"));
    row.put("ShipmentDate", detail(mtr, "shipmentdate"));
    row.put("ShipmentItemId", detail(mtr, "shipmentitemid"));
    row.put("ItemDescription", detail(mtr, "itemdescription"));
    row.put("PaymentDate", payment == null ? null : payment.date());
    row.put("PaymentType", payment == null ? null : payment.paymentType());
    row.put("Description", detail(payment, "description"));
    row.put("Total", Decimals.twoPlaces(order.netAmount()));
    row.put("TransactionType_payment", payment == null ? null : payment.transactionType());
    row.put("NetAmount", Decimals.twoPlaces(order.netAmount()));
    row.put("mark", order.category());
    row.put(
        "ToleranceCheck",
        order.toleranceStatus().equals(ToleranceStatus.NOT_APPLICABLE.label())
            ? null
            : order.toleranceStatus());
    return row;
  }

  private static String detail(LineRow line, String column) {
    return line == null ? null : line.details().get(column);
  }

  @GetMapping("/logs")
  Map<String, Object> logs(
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "20") int limit,
      @RequestParam(required = false) String level) {
    if (page < 1 || limit < 1 || limit > 500) {
      throw new IllegalArgumentException("page must be 1 or more and limit between 1 and 500");
    }
    EventLog.Page events = this.events.page(level, page, limit);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "results",
        events.events().stream()
            .map(
                event -> {
                  Map<String, Object> entry = new LinkedHashMap<>();
                  entry.put("id", event.id());
                  entry.put("timestamp", event.timestamp());
                  entry.put("level", event.level());
                  entry.put("error_type", event.errorType());
                  entry.put("message", event.message());
                  entry.put("context", event.context());
                  entry.put("additional_info", event.additionalInfo());
                  return entry;
                })
            .toList());
    body.put("current_page", page);
    body.put("total_page", Math.max(1, (events.total() + limit - 1) / limit));
    return body;
  }

  private static ResponseEntity<Map<String, Object>> detail(HttpStatus status, String message) {
    return ResponseEntity.status(status).body(Map.of("detail", message));
  }
}
