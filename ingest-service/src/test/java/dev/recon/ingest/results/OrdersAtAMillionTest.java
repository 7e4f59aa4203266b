package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.results.ResultsRepository.OrdersPage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The read path on 1,000,000 orders, against the merge service's migrations: every offered sort,
 * alone and after the category filter, reads a deep page from its index (no sort of the table), by
 * offset and by cursor, and the search reads the trigram index. Plans are asserted; the times are
 * printed only, since this machine's load varies.
 */
class OrdersAtAMillionTest {

  private static final int ORDERS = 1_000_000;
  private static final int SIZE = 50;
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> COLUMNS =
      List.of(
          "order_id",
          "category",
          "tolerance_status",
          "shipment_invoice_amount",
          "return_invoice_amount",
          "net_amount",
          "payout_percent",
          "mtr_lines",
          "payment_lines");
  private static final OrderFilter ALL = new OrderFilter(null, null, null);
  private static final OrderFilter RETURNS = new OrderFilter("Return", null, null);
  private static final OrderFilter BREACHED_RETURNS =
      new OrderFilter("Return", "Tolerance Breached", null);

  private static final SoftAssertions SOFTLY = new SoftAssertions();
  private static ResultsDatabase database;
  private static JdbcTemplate jdbc;
  private static OrderCounts counts;
  private static ResultsRepository results;

  @BeforeAll
  static void loadAMillionOrders() throws IOException {
    database = ResultsDatabase.startUpTo("4");
    jdbc = database.jdbc();
    long loading = System.nanoTime();
    // Categories and statuses in uneven shares, amounts with ties and nulls, ids in no order.
    jdbc.update(
        """
        insert into results.orders (order_id, category, tolerance_status, shipment_invoice_amount,
            return_invoice_amount, net_amount, payout_percent, tolerance_minimum, mtr_lines,
            payment_lines)
        select '40' || (i % 8) || '-' || lpad((i * 7919 % 10000000)::text, 7, '0')
                || '-' || lpad(i::text, 7, '0'),
            (array['Order & Payment Received', 'Order & Payment Received',
                'Order & Payment Received', 'Payment Pending', 'Return', 'Negative Payout',
                'Removal Order IDs', 'Unclassified',
                'Order Not Applicable but Payment Received'])[1 + i % 9],
            (array['Within Tolerance', 'Tolerance Breached', 'Not Applicable'])[1 + (i / 9) % 3],
            case when i % 10 = 0 then null else round((i * 37 % 500000) / 100.0, 2) end,
            case when i % 3 = 0 then null else round((i * 13 % 100000) / 100.0, 2) end,
            case when i % 7 = 0 then null else round((i * 53 % 400000) / 100.0 - 1000, 2) end,
            case when i % 7 = 0 then null else round((i * 17 % 12000) / 100.0, 2) end,
            30, 1 + i % 4, i % 3
        from generate_series(1::bigint, ?) i""",
        ORDERS);
    System.out.printf("loaded %,d orders in %d ms%n", ORDERS, millisSince(loading));
    long migrating = System.nanoTime();
    database.migrateToLatest();
    System.out.printf("the read path's migration took %d ms%n", millisSince(migrating));
    // What autovacuum does soon after a load: statistics, and the visibility map that lets an
    // index-only scan skip the table.
    jdbc.execute("vacuum analyze results.orders");
    counts = new OrderCounts(jdbc, OrderCounts.EXACT_UP_TO, Duration.ofHours(1), Clock.systemUTC());
    results = new ResultsRepository(jdbc, counts, new MoneyProperties(14));
  }

  @AfterAll
  static void stop() throws IOException {
    SOFTLY.assertAll();
    counts.stop();
    database.close();
  }

  @Test
  void everySortReadsAPage3000DeepFromAnIndexAloneAndAfterACategory() {
    for (OrderSort sort : everySort()) {
      for (OrderFilter filter : List.of(ALL, RETURNS, BREACHED_RETURNS)) {
        long matching = counts.count(filter).orders();
        // 3,000 pages deep, or as deep as the filter goes before the repository reads from the
        // other end
        long offset = Math.min(3_000L * SIZE, matching / 2);
        List<Object> parameters = new ArrayList<>(filter.parameters());
        parameters.add(SIZE);
        parameters.add(offset);
        JsonNode plan = plan(ResultsRepository.pageQuery(filter, sort), parameters);
        String what = sort.text() + " " + describe(filter) + " offset " + offset;
        if (!filter.equals(BREACHED_RETURNS)) {
          // Both filters together are left to the planner: it may sort the few orders of both
          // rather than walk an index past the others. A page by cursor reads an index.
          assertReadsInOrderFromAnIndex(plan, what);
        }

        int page = (int) (offset / SIZE) + 1;
        long started = System.nanoTime();
        OrdersPage deep = results.orders(filter, sort, page, SIZE);
        long offsetMillis = millisSince(started);
        started = System.nanoTime();
        OrdersPage next = results.ordersAfter(filter, sort, deep.next(), page + 1, SIZE);
        long keysetMillis = millisSince(started);
        assertThat(next.content().get(0).orderId())
            .as(what)
            .isEqualTo(results.orders(filter, sort, page + 1, SIZE).content().get(0).orderId());
        System.out.printf(
            "%-32s %-28s page %5d: %4d ms by offset, next page by cursor %3d ms; %s%n",
            sort.text(), describe(filter), page, offsetMillis, keysetMillis, scans(plan));
      }
    }
  }

  @Test
  void aCursorPageReadsItsIndexFromTheCursorOn() {
    for (OrderSort sort : everySort()) {
      for (OrderFilter filter : List.of(ALL, RETURNS, BREACHED_RETURNS)) {
        int pages = results.orders(filter, sort, 1, SIZE).totalPages();
        OrdersPage deep = results.orders(filter, sort, Math.min(3_001, pages / 2), SIZE);
        OrderRow last = deep.content().get(SIZE - 1);
        for (OrderSort.Range range : sort.rangesAfter(sort.positionOf(last))) {
          List<Object> parameters = new ArrayList<>(filter.parameters());
          parameters.addAll(range.parameters());
          parameters.add(SIZE);
          JsonNode plan = plan(ResultsRepository.keysetQuery(filter, sort, range), parameters);
          assertReadsInOrderFromAnIndex(plan, sort.text() + " " + describe(filter) + " " + range);
        }
      }
    }
  }

  @Test
  void theSearchReadsTheTrigramIndexAndFindsEveryMatch() {
    OrderFilter search = new OrderFilter(null, null, "-00012");
    List<Object> parameters = new ArrayList<>(search.parameters());
    parameters.add(SIZE);
    parameters.add(0);
    JsonNode plan = plan(ResultsRepository.pageQuery(search, OrderSort.BY_ORDER_ID), parameters);
    assertThat(nodes(plan).map(node -> node.path("Index Name").asString()))
        .contains("orders_order_id_trigrams");
    assertThat(nodes(plan).map(node -> node.path("Node Type").asString()))
        .doesNotContain("Seq Scan");

    long started = System.nanoTime();
    OrdersPage found = results.orders(search, OrderSort.BY_ORDER_ID, 1, 500);
    System.out.printf(
        "q=-00012: %d orders in %d ms; %s%n",
        found.totalElements(), millisSince(started), scans(plan));
    List<String> expected =
        jdbc.queryForList(
            "select order_id from results.orders where strpos(order_id, '-00012') > 0"
                + " order by order_id",
            String.class);
    assertThat(expected).hasSizeBetween(SIZE, 500);
    assertThat(found.content().stream().map(OrderRow::orderId).toList()).isEqualTo(expected);
  }

  private static List<OrderSort> everySort() {
    return COLUMNS.stream()
        .flatMap(column -> Stream.of(new OrderSort(column, false), new OrderSort(column, true)))
        .toList();
  }

  /**
   * The rows come from an index in the sort's order: no scan of the table, no bitmap (which loses
   * the order), and no sort but of a page's rows.
   */
  private static void assertReadsInOrderFromAnIndex(JsonNode plan, String what) {
    List<JsonNode> nodes = nodes(plan).toList();
    SOFTLY
        .assertThat(nodes)
        .as(what + ": " + plan)
        .noneMatch(node -> node.path("Node Type").asString().equals("Seq Scan"))
        .noneMatch(node -> node.path("Node Type").asString().startsWith("Bitmap"))
        .noneMatch(
            node ->
                node.path("Node Type").asString().contains("Sort")
                    && node.path("Plan Rows").asLong() > SIZE)
        .anyMatch(node -> node.path("Node Type").asString().startsWith("Index"));
  }

  private static JsonNode plan(String query, List<Object> parameters) {
    String json =
        jdbc.queryForObject("explain (format json) " + query, String.class, parameters.toArray());
    return JSON.readTree(json).get(0).get("Plan");
  }

  private static Stream<JsonNode> nodes(JsonNode plan) {
    return Stream.concat(
        Stream.of(plan), plan.path("Plans").valueStream().flatMap(OrdersAtAMillionTest::nodes));
  }

  /** The plan's scans, as "Index Only Scan Backward using orders_by_net_amount". */
  private static String scans(JsonNode plan) {
    return String.join(
        ", ",
        nodes(plan)
            .filter(
                node ->
                    node.has("Index Name")
                            && !node.path("Index Name").asString().equals("orders_pkey")
                        || node.path("Node Type").asString().contains("Scan")
                            && !node.has("Index Name"))
            .map(
                node ->
                    node.path("Node Type").asString()
                        + ("Backward".equals(node.path("Scan Direction").asString())
                            ? " Backward"
                            : "")
                        + (node.has("Index Name")
                            ? " using " + node.path("Index Name").asString()
                            : "")
                        + (node.has("Filter") ? " filter " + node.path("Filter").asString() : ""))
            .toList());
  }

  private static String describe(OrderFilter filter) {
    if (filter.equals(ALL)) {
      return "all";
    }
    return filter.category() + (filter.tolerance() == null ? "" : ", " + filter.tolerance());
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }
}
