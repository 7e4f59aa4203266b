package dev.recon.ingest.results;

import dev.recon.ingest.results.ResultsRepository.LineRow;
import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.results.ResultsRepository.OrdersPage;
import dev.recon.ingest.results.ResultsRepository.Summary;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/** The reconciliation results: orders, one order's lines, the summary, and exports. */
@RestController
@RequestMapping("/api")
class ResultsController {

  static final String CSV_HEADER =
      "order_id,category,tolerance_status,shipment_invoice_amount,return_invoice_amount,"
          + "net_amount,payout_percent,mtr_lines,payment_lines";
  private static final int MAX_PAGE_SIZE = 500;

  private final ResultsRepository results;

  ResultsController(ResultsRepository results) {
    this.results = results;
  }

  @GetMapping("/orders")
  OrdersPage orders(
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String tolerance,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "1") int page,
      @RequestParam(defaultValue = "50") int size,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String after,
      @RequestParam(required = false) String before) {
    if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page must be 1 or more and size between 1 and " + MAX_PAGE_SIZE);
    }
    if (after != null && before != null) {
      throw new IllegalArgumentException("give after or before, not both");
    }
    OrderFilter filter = new OrderFilter(category, tolerance, q);
    OrderSort order = OrderSort.parse(sort);
    if (after != null) {
      return results.ordersAfter(filter, order, after, page, size);
    }
    if (before != null) {
      return results.ordersBefore(filter, order, before, page, size);
    }
    return results.orders(filter, order, page, size);
  }

  /** An order with every line that decided it. */
  record OrderDetail(OrderRow order, List<LineRow> mtrLines, List<LineRow> paymentLines) {}

  @GetMapping("/orders/{orderId}")
  OrderDetail order(@PathVariable String orderId) {
    OrderRow order =
        results
            .order(orderId)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        org.springframework.http.HttpStatus.NOT_FOUND,
                        "no order with id '" + orderId + "'"));
    List<LineRow> lines = results.lines(orderId);
    return new OrderDetail(
        order,
        lines.stream().filter(line -> line.kind().equals("mtr")).toList(),
        lines.stream().filter(line -> line.kind().equals("payment")).toList());
  }

  @GetMapping("/summary")
  Map<String, Object> summary() {
    Summary summary = results.summary();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("categories", summary.categories());
    body.put("tolerance", summary.tolerance());
    body.put(
        "non_order_charges",
        summary.nonOrderCharges().stream()
            .map(
                group ->
                    Map.of(
                        "description", group.description(),
                        "lines", group.lines(),
                        "amount", Decimals.text(group.amount())))
            .toList());
    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("orders", summary.totals().orders());
    totals.put("mtr_lines", summary.totals().mtrLines());
    totals.put("payment_lines", summary.totals().paymentLines());
    totals.put("shipment_invoice_amount", Decimals.text(summary.totals().shipmentInvoiceAmount()));
    totals.put("net_amount", Decimals.text(summary.totals().netAmount()));
    body.put("totals", totals);
    return body;
  }

  @GetMapping("/orders/export")
  ResponseEntity<StreamingResponseBody> export(
      @RequestParam(defaultValue = "csv") String format,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String tolerance,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort) {
    OrderFilter filter = new OrderFilter(category, tolerance, q);
    OrderSort order = OrderSort.parse(sort);
    return switch (format.toLowerCase(java.util.Locale.ROOT)) {
      case "csv" ->
          ResponseEntity.ok()
              .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"orders.csv\"")
              .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
              .body(out -> writeCsv(filter, order, out));
      case "xlsx" ->
          ResponseEntity.ok()
              .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"orders.xlsx\"")
              .contentType(
                  MediaType.parseMediaType(
                      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
              .body(out -> writeXlsx(filter, order, out));
      default ->
          throw new IllegalArgumentException(
              "unknown export format '" + format + "'; use csv or xlsx");
    };
  }

  private void writeCsv(OrderFilter filter, OrderSort sort, java.io.OutputStream out)
      throws IOException {
    Writer writer =
        new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
    writer.write(CSV_HEADER);
    writer.write('\n');
    try {
      results.forEachOrder(
          filter,
          sort,
          order -> {
            try {
              writer.write(csvLine(order));
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    writer.flush();
  }

  static String csvLine(OrderRow order) {
    return Csv.text(order.orderId())
        + ','
        + Csv.text(order.category())
        + ','
        + Csv.text(order.toleranceStatus())
        + ','
        + Decimals.text(order.shipmentInvoiceAmount())
        + ','
        + Decimals.text(order.returnInvoiceAmount())
        + ','
        + Decimals.text(order.netAmount())
        + ','
        + Decimals.text(order.payoutPercent())
        + ','
        + order.mtrLines()
        + ','
        + order.paymentLines()
        + '\n';
  }

  private void writeXlsx(OrderFilter filter, OrderSort sort, java.io.OutputStream out)
      throws IOException {
    try (SXSSFWorkbook workbook = new SXSSFWorkbook(200)) {
      SXSSFSheet sheet = workbook.createSheet("Orders");
      CellStyle money = workbook.createCellStyle();
      money.setDataFormat(workbook.createDataFormat().getFormat("#,##0.00"));
      Row header = sheet.createRow(0);
      String[] columns = CSV_HEADER.split(",");
      for (int i = 0; i < columns.length; i++) {
        header.createCell(i).setCellValue(columns[i]);
      }
      int[] rowIndex = {1};
      results.forEachOrder(
          filter,
          sort,
          order -> {
            Row row = sheet.createRow(rowIndex[0]++);
            // A string cell is never evaluated by a spreadsheet, so order ids need no quoting.
            row.createCell(0).setCellValue(order.orderId());
            row.createCell(1).setCellValue(order.category());
            row.createCell(2).setCellValue(order.toleranceStatus());
            amountCell(row, 3, order.shipmentInvoiceAmount(), money);
            amountCell(row, 4, order.returnInvoiceAmount(), money);
            amountCell(row, 5, order.netAmount(), money);
            amountCell(row, 6, order.payoutPercent(), money);
            row.createCell(7).setCellValue(order.mtrLines());
            row.createCell(8).setCellValue(order.paymentLines());
          });
      workbook.write(out);
    }
  }

  private static void amountCell(Row row, int column, BigDecimal value, CellStyle style) {
    if (value == null) {
      return;
    }
    Cell cell = row.createCell(column);
    // Spreadsheets store numbers as doubles; two decimals of a money amount survive that exactly.
    cell.setCellValue(Decimals.twoPlaces(value).doubleValue());
    cell.setCellStyle(style);
  }
}
