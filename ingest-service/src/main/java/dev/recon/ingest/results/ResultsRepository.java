package dev.recon.ingest.results;

import dev.recon.contracts.Category;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.ToleranceStatus;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Reads the results that the merge service's sink writes to the {@code results} schema. */
@Repository
public class ResultsRepository {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<Map<String, String>> TEXT_MAP = new TypeReference<>() {};

  /** The taxes withheld that a seller files by month (SPEC §8.1). */
  private static final List<String> TAXES =
      List.of("tcscgst", "tcssgst", "tcsigst", "tdssection194o");

  /** Months in calendar order ('YYYY-MM' sorts so), the undated ones last. */
  private static final Comparator<String> MONTHS_THEN_UNKNOWN =
      Comparator.comparing((String month) -> month.equals("unknown"))
          .thenComparing(Comparator.naturalOrder());

  /** Orders an export reads at a time: a few milliseconds of a connection each. */
  private static final int EXPORT_CHUNK = 5_000;

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
      int paymentLines,
      Breakdown breakdown,
      Ageing ageing) {}

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
      Map<String, String> details,
      Boolean consistent) {}

  /**
   * A page of orders. {@code totalExact}: whether {@code totalElements} was counted with this page
   * (always for up to {@value OrderCounts#EXACT_UP_TO} orders) or is a recent count of a larger
   * set. {@code previous} and {@code next}: cursors of its first and last order, for the page
   * before and the page after it (null on the first page, and after a page that is not full).
   */
  public record OrdersPage(
      List<OrderRow> content,
      int page,
      int size,
      long totalElements,
      int totalPages,
      boolean totalExact,
      String previous,
      String next) {}

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

  /** Orders rows, aged by {@code rules}. */
  static RowMapper<OrderRow> orders(Ageing.Rules rules) {
    return (rs, i) ->
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
            rs.getInt("payment_lines"),
            Breakdown.of(rs),
            rules.of(rs.getString("category"), rs.getObject("shipped_date", LocalDate.class)));
  }

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
              JSON.readValue(rs.getString("details"), TEXT_MAP),
              (Boolean) rs.getObject("consistent"));

  private final JdbcTemplate jdbc;
  private final OrderCounts counts;
  private final int paymentTermDays;
  private final int exportChunk;

  @Autowired
  ResultsRepository(JdbcTemplate jdbc, OrderCounts counts, MoneyProperties money) {
    this(jdbc, counts, money.paymentTermDays(), EXPORT_CHUNK);
  }

  ResultsRepository(JdbcTemplate jdbc, OrderCounts counts, int paymentTermDays, int exportChunk) {
    this.jdbc = jdbc;
    this.counts = counts;
    this.paymentTermDays = paymentTermDays;
    this.exportChunk = exportChunk;
  }

  /**
   * The ageing rules of the ledger as it is now: its as-of date is the latest readable date of its
   * payment lines (SPEC §8.2), which their partial indexes give at once.
   */
  public Ageing.Rules ageingRules() {
    LocalDate asOf =
        jdbc.queryForObject(
            """
            select greatest(
                (select max(paid_on) from results.order_lines where paid_on is not null),
                (select max(paid_on) from results.non_order_charges where paid_on is not null))""",
            LocalDate.class);
    return new Ageing.Rules(asOf, paymentTermDays);
  }

  /** Page {@code page} (from 1) of the orders, {@code size} orders to a page. */
  public OrdersPage orders(OrderFilter filter, OrderSort sort, int page, int size) {
    OrderCounts.Count total = counts.count(filter);
    long offset = (long) (page - 1) * size;
    List<OrderRow> content;
    if (offset > total.orders() / 2 && offset < total.orders()) {
      // A deep page read from the other end: an offset makes PostgreSQL walk past every row
      // before it, and so past at most half of them.
      int rows = (int) Math.min(size, total.orders() - offset);
      content =
          new ArrayList<>(page(filter, sort.reversed(), rows, total.orders() - offset - rows));
      Collections.reverse(content);
    } else {
      content = page(filter, sort, size, offset);
    }
    return pageOf(content, sort, page, size, total);
  }

  /**
   * The {@code size} orders after the order of {@code cursor} (a {@code next} of an earlier page):
   * a keyset page, as quick at any depth as the first. {@code page} only labels it.
   */
  public OrdersPage ordersAfter(
      OrderFilter filter, OrderSort sort, String cursor, int page, int size) {
    OrderCounts.Count total = counts.count(filter);
    List<OrderRow> content = after(filter, sort, OrderPosition.ofCursor(cursor, sort), size);
    return pageOf(content, sort, page, size, total);
  }

  /**
   * The {@code size} orders before the order of {@code cursor} (a {@code previous} of an earlier
   * page), or the first page when fewer orders come before it.
   */
  public OrdersPage ordersBefore(
      OrderFilter filter, OrderSort sort, String cursor, int page, int size) {
    List<OrderRow> content =
        new ArrayList<>(after(filter, sort.reversed(), OrderPosition.ofCursor(cursor, sort), size));
    if (content.size() < size) {
      return orders(filter, sort, 1, size);
    }
    Collections.reverse(content);
    return pageOf(content, sort, page, size, counts.count(filter));
  }

  /** The filter's orders, aged by its rules (or the ledger's, for a filter without them). */
  private RowMapper<OrderRow> orders(OrderFilter filter) {
    return orders(filter.ageingRules() != null ? filter.ageingRules() : ageingRules());
  }

  private static OrdersPage pageOf(
      List<OrderRow> content, OrderSort sort, int page, int size, OrderCounts.Count total) {
    String previous =
        page == 1 || content.isEmpty() ? null : sort.positionOf(content.get(0)).cursor(sort);
    String next =
        content.size() < size ? null : sort.positionOf(content.get(size - 1)).cursor(sort);
    return new OrdersPage(
        content,
        page,
        size,
        total.orders(),
        (int) ((total.orders() + size - 1) / size),
        total.exact(),
        previous,
        next);
  }

  private List<OrderRow> page(OrderFilter filter, OrderSort sort, int limit, long offset) {
    List<Object> parameters = new ArrayList<>(filter.parameters());
    parameters.add(limit);
    parameters.add(offset);
    return jdbc.query(pageQuery(filter, sort), orders(filter), parameters.toArray());
  }

  /**
   * A page by offset, as a deferred join: the offset walks past order ids only, which an index-only
   * scan reads from the sort's index without visiting the table, and only the page's rows are read
   * whole. Parameters: the filter's, the limit, the offset.
   */
  static String pageQuery(OrderFilter filter, OrderSort sort) {
    return "select o.* from results.orders o join (select order_id from results.orders"
        + filter.whereClause()
        + sort.orderByClause()
        + " limit ? offset ?) page using (order_id)"
        + sort.orderByClause();
  }

  /** Up to {@code limit} orders after {@code position} in {@code sort}; from the first if null. */
  private List<OrderRow> after(
      OrderFilter filter, OrderSort sort, OrderPosition position, int limit) {
    List<OrderSort.Range> ranges =
        position == null ? List.of(OrderSort.Range.ALL) : sort.rangesAfter(position);
    List<OrderRow> rows = new ArrayList<>();
    for (OrderSort.Range range : ranges) {
      if (rows.size() == limit) {
        break;
      }
      List<Object> parameters = new ArrayList<>(filter.parameters());
      parameters.addAll(range.parameters());
      parameters.add(limit - rows.size());
      rows.addAll(
          jdbc.query(keysetQuery(filter, sort, range), orders(filter), parameters.toArray()));
    }
    return rows;
  }

  /**
   * The first orders of a range of a sort, which its index gives in order. Parameters: the
   * filter's, the range's, the limit.
   */
  static String keysetQuery(OrderFilter filter, OrderSort sort, OrderSort.Range range) {
    return "select * from results.orders"
        + filter.whereClause(range.conditions())
        + sort.orderByClause()
        + " limit ?";
  }

  public Optional<OrderRow> order(String orderId) {
    return jdbc
        .query("select * from results.orders where order_id = ?", orders(ageingRules()), orderId)
        .stream()
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
    RowMapper<OrderRow> rows = orders(ageingRules());
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
          OrderRow order = rows.mapRow(rs, 0);
          result.put(order, lines.getOrDefault(order.orderId(), List.of()));
        },
        (Object) ids);
    return result;
  }

  /**
   * Every order of the filter to {@code sink}, in keyset chunks, each read by a query of its own: a
   * connection is held while a chunk is read, never while the sink writes it to a slow client. Each
   * chunk sees the orders as they are when it is read, so an export taken while the sink writes is
   * not one snapshot (see README, Guarantees).
   */
  public void forEachOrder(OrderFilter filter, OrderSort sort, Consumer<OrderRow> sink) {
    OrderPosition position = null;
    List<OrderRow> chunk;
    do {
      chunk = after(filter, sort, position, exportChunk);
      chunk.forEach(sink);
      if (!chunk.isEmpty()) {
        position = sort.positionOf(chunk.get(chunk.size() - 1));
      }
    } while (chunk.size() == exportChunk);
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

  /** Unpaid orders and the sum of their shipment invoice amounts. */
  public record Unpaid(long orders, BigDecimal shipmentInvoiceAmount) {
    static final Unpaid NONE = new Unpaid(0, BigDecimal.ZERO);

    Unpaid plus(long moreOrders, BigDecimal amount) {
      return new Unpaid(orders + moreOrders, shipmentInvoiceAmount.add(amount));
    }
  }

  /**
   * The ledger's figures of SPEC §8.1-8.2.
   *
   * @param components the sums over every order of each payout component, by column
   * @param taxByMonth the taxes withheld on every payment line with a breakdown (non-order charges
   *     included), by month ('unknown' last), then by column
   * @param buckets unpaid orders by age bucket, every bucket present
   */
  public record LedgerMoney(
      Map<String, BigDecimal> components,
      long inconsistentLines,
      Map<String, Map<String, BigDecimal>> taxByMonth,
      Ageing.Rules ageing,
      Map<AgeingBucket, Unpaid> buckets,
      Unpaid overdue) {}

  /** The ledger's breakdown, its taxes by month and the ageing of its unpaid orders. */
  public LedgerMoney money() {
    Map<String, BigDecimal> components = new LinkedHashMap<>();
    long[] inconsistent = {0};
    jdbc.query(
        "select "
            + PayoutBreakdown.COLUMNS.stream()
                .map(column -> "coalesce(sum(" + column + "), 0)")
                .collect(Collectors.joining(", "))
            + ", coalesce(sum(inconsistent_lines), 0) from results.orders",
        rs -> {
          for (int i = 0; i < PayoutBreakdown.COLUMNS.size(); i++) {
            components.put(PayoutBreakdown.COLUMNS.get(i), rs.getBigDecimal(i + 1));
          }
          inconsistent[0] = rs.getLong(PayoutBreakdown.COLUMNS.size() + 1);
        });

    Map<String, Map<String, BigDecimal>> taxByMonth = new TreeMap<>(MONTHS_THEN_UNKNOWN);
    String taxes = String.join(", ", TAXES);
    jdbc.query(
        "select tax_month, "
            + TAXES.stream().map(tax -> "sum(" + tax + ")").collect(Collectors.joining(", "))
            + " from (select tax_month, "
            + taxes
            + " from results.order_lines where tax_month is not null union all select tax_month, "
            + taxes
            + " from results.non_order_charges where tax_month is not null) lines"
            + " group by tax_month",
        rs -> {
          Map<String, BigDecimal> month = new LinkedHashMap<>();
          for (int i = 0; i < TAXES.size(); i++) {
            month.put(TAXES.get(i), rs.getBigDecimal(i + 2));
          }
          taxByMonth.put(rs.getString(1), month);
        });

    Ageing.Rules rules = ageingRules();
    Map<AgeingBucket, Unpaid> buckets = new EnumMap<>(AgeingBucket.class);
    for (AgeingBucket bucket : AgeingBucket.values()) {
      buckets.put(bucket, Unpaid.NONE);
    }
    Unpaid[] overdue = {Unpaid.NONE};
    if (rules.asOf() != null) {
      jdbc.query(
          "select shipped_date, count(*), coalesce(sum(shipment_invoice_amount), 0)"
              + " from results.orders where category = ? group by shipped_date",
          rs -> {
            Ageing ageing =
                rules.of(Category.PAYMENT_PENDING.label(), rs.getObject(1, LocalDate.class));
            AgeingBucket bucket = AgeingBucket.parse(ageing.bucket());
            buckets.put(bucket, buckets.get(bucket).plus(rs.getLong(2), rs.getBigDecimal(3)));
            if (ageing.overdue()) {
              overdue[0] = overdue[0].plus(rs.getLong(2), rs.getBigDecimal(3));
            }
          },
          Category.PAYMENT_PENDING.label());
    }
    return new LedgerMoney(components, inconsistent[0], taxByMonth, rules, buckets, overdue[0]);
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
