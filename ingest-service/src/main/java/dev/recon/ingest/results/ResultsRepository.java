package dev.recon.ingest.results;

import dev.recon.contracts.Category;
import dev.recon.contracts.ToleranceStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the results that the merge service's sink writes to the {@code results} schema. */
@Repository
public class ResultsRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {};
  private static final int EXPORT_FETCH_SIZE = 5_000;

  /** One order's result, as a row of the orders table. */
  public record OrderRow(
      String orderId,
      String category,
      String toleranceStatus,
      BigDecimal shipmentInvoiceAmount,
      BigDecimal returnInvoiceAmount,
      BigDecimal netAmount,
      BigDecimal payoutPercent,
      BigDecimal toleranceMinimumPercent,
      int mtrLines,
      int paymentLines) {}

  /** One line of an order, with where it came from. */
  public record LineRow(
      String orderId,
      String lineId,
      String kind,
      String transactionType,
      String paymentType,
      BigDecimal amount,
      String date,
      long uploadId,
      String fileName,
      int rowNumber,
      Map<String, String> details) {}

  /**
   * A page of orders. {@code totalExact}: whether {@code totalElements} was counted with this page
   * (always for up to {@value OrderCounts#EXACT_UP_TO} orders) or is a recent count of a larger
   * set.
   */
  public record OrdersPage(
      List<OrderRow> content,
      int page,
      int size,
      long totalElements,
      int totalPages,
      boolean totalExact) {}

  /** The counts and sums of SPEC §6. */
  public record Summary(
      Map<String, Long> categories,
      Map<String, Long> tolerance,
      List<ChargeGroup> nonOrderCharges,
      Totals totals) {}

  /** Non-order charges of one description. */
  public record ChargeGroup(String description, long lines, BigDecimal amount) {}

  /** Sums over every order. */
  public record Totals(
      long orders,
      long mtrLines,
      long paymentLines,
      BigDecimal shipmentInvoiceAmount,
      BigDecimal netAmount) {}

  /** A row that broke a rule. */
  public record RejectedRowView(
      String fileName,
      int rowNumber,
      String kind,
      String reason,
      String message,
      Map<String, String> values) {}

  private static final RowMapper<OrderRow> ORDER =
      (rs, i) ->
          new OrderRow(
              rs.getString("order_id"),
              rs.getString("category"),
              rs.getString("tolerance_status"),
              rs.getBigDecimal("shipment_invoice_amount"),
              rs.getBigDecimal("return_invoice_amount"),
              rs.getBigDecimal("net_amount"),
              rs.getBigDecimal("payout_percent"),
              rs.getBigDecimal("tolerance_minimum"),
              rs.getInt("mtr_lines"),
              rs.getInt("payment_lines"));

  private static final RowMapper<LineRow> LINE =
      (rs, i) ->
          new LineRow(
              rs.getString("order_id"),
              rs.getString("line_id"),
              rs.getString("kind"),
              rs.getString("transaction_type"),
              rs.getString("payment_type"),
              rs.getBigDecimal("amount"),
              rs.getString("line_date"),
              rs.getLong("upload_id"),
              rs.getString("file_name"),
              rs.getInt("row_number"),
              JSON.readValue(rs.getString("details"), TEXT_MAP));

  private final JdbcTemplate jdbc;
  private final OrderCounts counts;

  ResultsRepository(JdbcTemplate jdbc, OrderCounts counts) {
    this.jdbc = jdbc;
    this.counts = counts;
  }

  public OrdersPage orders(OrderFilter filter, OrderSort sort, int page, int size) {
    OrderCounts.Count total = counts.count(filter);
    long offset = (long) (page - 1) * size;
    List<OrderRow> content;
    if (offset > total.orders() / 2 && offset < total.orders()) {
      // A deep page read from the other end: an offset makes PostgreSQL walk past every row
      // before it, three seconds for the last page of a million orders.
      int rows = (int) Math.min(size, total.orders() - offset);
      content =
          new ArrayList<>(
              page(filter, sort.reversedOrderByClause(), rows, total.orders() - offset - rows));
      Collections.reverse(content);
    } else {
      content = page(filter, sort.orderByClause(), size, offset);
    }
    return new OrdersPage(
        content,
        page,
        size,
        total.orders(),
        (int) ((total.orders() + size - 1) / size),
        total.exact());
  }

  /**
   * A deferred join: the offset walks past order ids only, which an index-only scan reads from the
   * order-id indexes without visiting the table, and only the page's rows are read whole.
   */
  private List<OrderRow> page(OrderFilter filter, String orderBy, int limit, long offset) {
    List<Object> parameters = new ArrayList<>(filter.parameters());
    parameters.add(limit);
    parameters.add(offset);
    return jdbc.query(
        "select o.* from results.orders o join (select order_id from results.orders"
            + filter.whereClause()
            + orderBy
            + " limit ? offset ?) page using (order_id)"
            + orderBy,
        ORDER,
        parameters.toArray());
  }

  public Optional<OrderRow> order(String orderId) {
    return jdbc.query("select * from results.orders where order_id = ?", ORDER, orderId).stream()
        .findFirst();
  }

  /** The order's lines, MTR first, each kind in upload and row order. */
  public List<LineRow> lines(String orderId) {
    return jdbc.query(
        "select * from results.order_lines where order_id = ?"
            + " order by kind, upload_id, row_number",
        LINE,
        orderId);
  }

  /** Orders with the given ids, by id, with their lines. */
  public Map<OrderRow, List<LineRow>> ordersWithLines(Collection<String> orderIds) {
    Map<OrderRow, List<LineRow>> result = new LinkedHashMap<>();
    String[] ids = orderIds.toArray(String[]::new);
    Map<String, List<LineRow>> lines = new LinkedHashMap<>();
    jdbc.query(
        "select * from results.order_lines where order_id = any (?)"
            + " order by order_id, kind, upload_id, row_number",
        rs -> {
          LineRow line = LINE.mapRow(rs, 0);
          lines.computeIfAbsent(line.orderId(), id -> new ArrayList<>()).add(line);
        },
        (Object) ids);
    jdbc.query(
        "select * from results.orders where order_id = any (?) order by order_id collate \"C\"",
        rs -> {
          OrderRow order = ORDER.mapRow(rs, 0);
          result.put(order, lines.getOrDefault(order.orderId(), List.of()));
        },
        (Object) ids);
    return result;
  }

  /** Streams every order of the filter to {@code sink}, in pages fetched by a cursor. */
  @Transactional(readOnly = true)
  public void forEachOrder(OrderFilter filter, OrderSort sort, Consumer<OrderRow> sink) {
    JdbcTemplate cursor = new JdbcTemplate(jdbc.getDataSource());
    cursor.setFetchSize(EXPORT_FETCH_SIZE);
    cursor.query(
        "select * from results.orders" + filter.whereClause() + sort.orderByClause(),
        rs -> {
          sink.accept(ORDER.mapRow(rs, 0));
        },
        filter.parameters().toArray());
  }

  /**
   * One scan of the orders, grouped by category and tolerance status together, for the counts by
   * each and the totals: half the time of a scan for each, and they agree with each other even
   * while the sink writes.
   */
  public Summary summary() {
    Map<String, Long> categories = new LinkedHashMap<>();
    for (Category category : Category.values()) {
      categories.put(category.label(), 0L);
    }
    Map<String, Long> tolerance = new LinkedHashMap<>();
    for (ToleranceStatus status : ToleranceStatus.values()) {
      tolerance.put(status.label(), 0L);
    }
    List<Totals> groups =
        jdbc.query(
            """
            select category, tolerance_status, count(*), sum(mtr_lines), sum(payment_lines),
                coalesce(sum(shipment_invoice_amount), 0), coalesce(sum(net_amount), 0)
            from results.orders group by category, tolerance_status""",
            (rs, i) -> {
              long orders = rs.getLong(3);
              categories.merge(rs.getString(1), orders, Long::sum);
              tolerance.merge(rs.getString(2), orders, Long::sum);
              return new Totals(
                  orders, rs.getLong(4), rs.getLong(5), rs.getBigDecimal(6), rs.getBigDecimal(7));
            });
    Totals totals =
        groups.stream()
            .reduce(
                new Totals(0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO),
                (a, b) ->
                    new Totals(
                        a.orders() + b.orders(),
                        a.mtrLines() + b.mtrLines(),
                        a.paymentLines() + b.paymentLines(),
                        a.shipmentInvoiceAmount().add(b.shipmentInvoiceAmount()),
                        a.netAmount().add(b.netAmount())));
    List<ChargeGroup> charges =
        jdbc.query(
            "select description, count(*), sum(amount) from results.non_order_charges"
                + " group by description order by description collate \"C\"",
            (rs, i) -> new ChargeGroup(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)));
    return new Summary(categories, tolerance, charges, totals);
  }

  /** The non-order charges of these line ids, grouped as in the summary. */
  public List<ChargeGroup> nonOrderCharges(Collection<String> lineIds) {
    return jdbc.query(
        "select description, count(*), sum(amount) from results.non_order_charges"
            + " where line_id = any (?) group by description order by description collate \"C\"",
        (rs, i) -> new ChargeGroup(rs.getString(1), rs.getLong(2), rs.getBigDecimal(3)),
        (Object) lineIds.toArray(String[]::new));
  }

  public List<RejectedRowView> rejectedRows(long uploadId) {
    return jdbc.query(
        "select * from results.rejected_rows where upload_id = ? order by row_number",
        (rs, i) ->
            new RejectedRowView(
                rs.getString("file_name"),
                rs.getInt("row_number"),
                rs.getString("kind"),
                rs.getString("reason"),
                rs.getString("message"),
                JSON.readValue(rs.getString("raw_values"), TEXT_MAP)),
        uploadId);
  }
}
