package dev.recon.ingest.results;

import dev.recon.contracts.PayoutBreakdown;
import dev.recon.ingest.results.ResultsRepository.LedgerMoney;
import dev.recon.ingest.results.ResultsRepository.LineRow;
import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.results.ResultsRepository.OrdersPage;
import dev.recon.ingest.results.ResultsRepository.Summary;
import dev.recon.ingest.results.ResultsRepository.Unpaid;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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

  /**
   * The columns of {@code expected/orders.csv}, then those of {@code expected/orders_money.csv}
   * (SPEC §8; {@code other} is both a group and its one column).
   */
  static final String CSV_HEADER =
      "order_id,category,tolerance_status,shipment_invoice_amount,return_invoice_amount,"
          + "net_amount,payout_percent,mtr_lines,payment_lines,sales,fees,other,tcs,tds,"
          + String.join(",", PayoutBreakdown.COLUMNS)
          + ",inconsistent_lines,fee_percent,age_days,ageing_bucket,overdue";

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
      @RequestParam(required = false) String before,
      @RequestParam(required = false) String ageing,
      @RequestParam(required = false) String overdue) {
    if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException(
          "page must be 1 or more and size between 1 and " + MAX_PAGE_SIZE);
    }
    if (after != null && before != null) {
      throw new IllegalArgumentException("give after or before, not both");
    }
    OrderFilter filter = filter(category, tolerance, q, ageing, overdue);
    OrderSort order = OrderSort.parse(sort);
    if (after != null) {
      return results.ordersAfter(filter, order, after, page, size);
    }
    if (before != null) {
      return results.ordersBefore(filter, order, before, page, size);
    }
    return results.orders(filter, order, page, size);
  }

  private OrderFilter filter(
      String category, String tolerance, String q, String ageing, String overdue) {
    return new OrderFilter(
        category,
        tolerance,
        q,
        AgeingBucket.parse(ageing),
        parseOverdue(overdue),
        results.ageingRules());
  }

  private static Boolean parseOverdue(String overdue) {
    if (overdue == null || overdue.isBlank()) {
      return null;
    }
    return switch (overdue.strip().toLowerCase(java.util.Locale.ROOT)) {
      case "true", "yes" -> true;
      case "false", "no" -> false;
      default ->
          throw new IllegalArgumentException(
              "overdue must be true or false, not '" + overdue + "'");
    };
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

  /** The ledger's figures of SPEC §8.1-8.2, in the shape of {@code expected/money.json}. */
  @GetMapping("/summary/money")
  Map<String, Object> money() {
    LedgerMoney money = results.money();
    Map<String, BigDecimal> sums = money.components();
    Map<String, Object> breakdown = new LinkedHashMap<>();
    BigDecimal fees =
        sums.get("sellingfees").add(sums.get("fbafees")).add(sums.get("othertransactionfees"));
    breakdown.put(
        "sales",
        Decimals.text(
            sums.get("productsales")
                .add(sums.get("shippingcredits"))
                .add(sums.get("giftwrapcredits"))
                .add(sums.get("promotionalrebates"))));
    breakdown.put("fees", Decimals.text(fees));
    breakdown.put("other", Decimals.text(sums.get("other")));
    breakdown.put(
        "tcs",
        Decimals.text(sums.get("tcscgst").add(sums.get("tcssgst")).add(sums.get("tcsigst"))));
    breakdown.put("tds", Decimals.text(sums.get("tdssection194o")));
    sums.forEach((column, sum) -> breakdown.put(column, Decimals.text(sum)));
    breakdown.put("inconsistent_lines", money.inconsistentLines());
    BigDecimal feePercent = PayoutBreakdown.feePercent(fees, sums.get("productsales"));
    breakdown.put("fee_percent", feePercent == null ? null : Decimals.text(feePercent));

    Map<String, Object> taxByMonth = new LinkedHashMap<>();
    money
        .taxByMonth()
        .forEach(
            (month, taxes) -> {
              Map<String, String> texts = new LinkedHashMap<>();
              taxes.forEach((column, sum) -> texts.put(column, Decimals.text(sum)));
              taxByMonth.put(month, texts);
            });

    Map<String, Object> buckets = new LinkedHashMap<>();
    money.buckets().forEach((bucket, unpaid) -> buckets.put(bucket.label(), unpaid(unpaid)));
    Map<String, Object> ageing = new LinkedHashMap<>();
    ageing.put("as_of", money.ageing().asOf() == null ? null : money.ageing().asOf().toString());
    ageing.put("payment_term_days", money.ageing().paymentTermDays());
    ageing.put("buckets", buckets);
    ageing.put("overdue", unpaid(money.overdue()));

    Map<String, Object> body = new LinkedHashMap<>();
    body.put("breakdown", breakdown);
    body.put("tax_by_month", taxByMonth);
    body.put("ageing", ageing);
    return body;
  }

  private static Map<String, Object> unpaid(Unpaid unpaid) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orders", unpaid.orders());
    body.put("shipment_invoice_amount", Decimals.text(unpaid.shipmentInvoiceAmount()));
    return body;
  }

  @GetMapping("/orders/export")
  ResponseEntity<StreamingResponseBody> export(
      @RequestParam(defaultValue = "csv") String format,
      @RequestParam(required = false) String category,
      @RequestParam(required = false) String tolerance,
      @RequestParam(required = false) String q,
      @RequestParam(required = false) String sort,
      @RequestParam(required = false) String ageing,
      @RequestParam(required = false) String overdue) {
    OrderFilter filter = filter(category, tolerance, q, ageing, overdue);
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
        + ','
        + moneyCsv(order)
        + '\n';
  }

  /** The columns of {@code expected/orders_money.csv} after order_id: empty when absent. */
  private static String moneyCsv(OrderRow order) {
    List<String> cells = new ArrayList<>(22);
    Breakdown breakdown = order.breakdown();
    if (breakdown == null) {
      cells.addAll(Collections.nCopies(19, ""));
    } else {
      for (BigDecimal amount :
          List.of(
              breakdown.sales(),
              breakdown.fees(),
              breakdown.other(),
              breakdown.tcs(),
              breakdown.tds())) {
        cells.add(Decimals.text(amount));
      }
      breakdown.components().values().forEach(amount -> cells.add(Decimals.text(amount)));
      cells.add(Integer.toString(breakdown.inconsistentLines()));
      cells.add(Decimals.text(breakdown.feePercent()));
    }
    Ageing ageing = order.ageing();
    if (ageing == null) {
      cells.addAll(Collections.nCopies(3, ""));
    } else {
      cells.add(ageing.ageDays() == null ? "" : Integer.toString(ageing.ageDays()));
      cells.add(Csv.text(ageing.bucket()));
      cells.add(Boolean.toString(ageing.overdue()));
    }
    return String.join(",", cells);
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
            moneyCells(row, 9, order, money);
          });
      workbook.write(out);
    }
  }

  private static void moneyCells(Row row, int first, OrderRow order, CellStyle money) {
    int column = first;
    Breakdown breakdown = order.breakdown();
    if (breakdown != null) {
      for (BigDecimal amount :
          List.of(
              breakdown.sales(),
              breakdown.fees(),
              breakdown.other(),
              breakdown.tcs(),
              breakdown.tds())) {
        amountCell(row, column++, amount, money);
      }
      for (BigDecimal amount : breakdown.components().values()) {
        amountCell(row, column++, amount, money);
      }
      row.createCell(column++).setCellValue(breakdown.inconsistentLines());
      amountCell(row, column++, breakdown.feePercent(), money);
    } else {
      column += 19;
    }
    Ageing ageing = order.ageing();
    if (ageing != null) {
      if (ageing.ageDays() != null) {
        row.createCell(column).setCellValue(ageing.ageDays());
      }
      row.createCell(column + 1).setCellValue(ageing.bucket());
      row.createCell(column + 2).setCellValue(ageing.overdue());
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
