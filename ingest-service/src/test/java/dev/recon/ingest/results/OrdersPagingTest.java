package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.results.ResultsRepository.OrdersPage;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pages of orders against a real PostgreSQL: every page, by offset (those read from the far end
 * included) or by cursor (forwards and backwards), is its slice of the whole sorted list.
 */
class OrdersPagingTest {

  private static final int ORDERS = 37;
  private static final List<OrderFilter> FILTERS =
      List.of(
          new OrderFilter(null, null, null),
          new OrderFilter("Return", null, null),
          new OrderFilter(null, null, "B-1"));
  private static ResultsDatabase database;
  private static ResultsRepository results;
  private static OrderCounts counts;

  @BeforeAll
  static void startPostgres() throws IOException {
    database = ResultsDatabase.start();
    JdbcTemplate jdbc = database.jdbc();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < ORDERS; i++) {
      // Ties and nulls in the sort columns, ids whose bytewise order is not their dictionary order.
      Integer net = random.nextInt(4) == 0 ? null : random.nextInt(5);
      BigDecimal payout =
          random.nextInt(3) == 0 ? null : BigDecimal.valueOf(random.nextInt(4) * 25, 1);
      jdbc.update(
          "insert into results.orders (order_id, category, tolerance_status, net_amount,"
              + " payout_percent, mtr_lines) values (?, ?, 'Not Applicable', ?, ?, ?)",
          (i % 2 == 0 ? "a-" : "B-") + i,
          i % 3 == 0 ? "Return" : "Payment Pending",
          net,
          payout,
          random.nextInt(3));
      if (random.nextInt(3) > 0) {
        // A breakdown (SPEC §8.1) with ties among its fees, and fee percents with nulls.
        int fees = -random.nextInt(3);
        jdbc.update(
            "update results.orders set productsales = ?, shippingcredits = 0, giftwrapcredits = 0,"
                + " promotionalrebates = 0, sellingfees = ?, fbafees = 0,"
                + " othertransactionfees = 0, other = 0, tcscgst = 0, tcssgst = 0, tcsigst = 0,"
                + " tdssection194o = 0, inconsistent_lines = 0, fee_percent = ?, sales = ?,"
                + " fees = ?, tcs = 0 where order_id = ?",
            10,
            fees,
            random.nextBoolean() ? null : BigDecimal.valueOf(-fees * 10),
            10,
            fees,
            (i % 2 == 0 ? "a-" : "B-") + i);
      }
    }
    // Exact counts only up to 10: most totals here are background counts, as for large tables.
    counts = new OrderCounts(jdbc, 10, Duration.ofMinutes(1), Clock.systemUTC());
    results = new ResultsRepository(jdbc, counts, new MoneyProperties(14));
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    counts.stop();
    database.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "order_id,desc",
        "net_amount",
        "net_amount,desc",
        "payout_percent",
        "payout_percent,desc",
        "category",
        "category,desc",
        "mtr_lines,desc",
        "fees",
        "fees,desc",
        "fee_percent",
        "fee_percent,desc"
      })
  void everyPageIsItsSliceOfTheWholeList(String sort) {
    OrderSort order = OrderSort.parse(sort);
    for (OrderFilter filter : FILTERS) {
      List<String> all = ids(results.orders(filter, order, 1, 500).content());
      for (int size : new int[] {1, 4, 5, 10}) {
        String what = String.format("%s, %s, pages of %d", sort, filter, size);
        List<String> paged = new ArrayList<>();
        OrdersPage first = results.orders(filter, order, 1, size);
        for (int page = 1; page <= first.totalPages() + 1; page++) {
          paged.addAll(ids(results.orders(filter, order, page, size).content()));
        }
        assertThat(paged).as("by offset: " + what).isEqualTo(all);
        assertThat(first.totalElements()).isEqualTo(all.size());

        assertThat(forwardsByCursor(filter, order, size)).as("after: " + what).isEqualTo(all);
        assertThat(backwardsByCursor(filter, order, size)).as("before: " + what).isEqualTo(all);
      }
    }
  }

  @Test
  void theSortIsTheOrderOfItsValuesNullsSmallestTiesByOrderIdInTheSameDirection() {
    List<OrderRow> ascending =
        results
            .orders(new OrderFilter(null, null, null), OrderSort.parse("net_amount"), 1, 500)
            .content();
    Comparator<OrderRow> byNetThenId =
        Comparator.comparing(
                (Function<OrderRow, BigDecimal>) OrderRow::netAmount,
                Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(OrderRow::orderId);

    assertThat(ascending).hasSize(ORDERS).isSortedAccordingTo(byNetThenId);
    assertThat(
            results
                .orders(
                    new OrderFilter(null, null, null), OrderSort.parse("net_amount,desc"), 1, 500)
                .content())
        .isSortedAccordingTo(byNetThenId.reversed());
  }

  @Test
  void aCursorIsReadOnlyInItsOwnSort() {
    OrderFilter all = new OrderFilter(null, null, null);
    String next = results.orders(all, OrderSort.parse("net_amount"), 1, 5).next();

    assertThatThrownBy(
            () -> results.ordersAfter(all, OrderSort.parse("net_amount,desc"), next, 2, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("net_amount,asc");
    assertThatThrownBy(() -> results.ordersAfter(all, OrderSort.parse("net_amount"), "xyz", 2, 5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a cursor");
  }

  /** Page 1, then each page after the last one's {@code next}, as the web UI's Next goes. */
  private static List<String> forwardsByCursor(OrderFilter filter, OrderSort sort, int size) {
    List<String> ids = new ArrayList<>();
    OrdersPage page = results.orders(filter, sort, 1, size);
    ids.addAll(ids(page.content()));
    while (page.next() != null) {
      page = results.ordersAfter(filter, sort, page.next(), page.page() + 1, size);
      ids.addAll(ids(page.content()));
    }
    return ids;
  }

  /** The last page by offset, then each page before the last one's {@code previous}. */
  private static List<String> backwardsByCursor(OrderFilter filter, OrderSort sort, int size) {
    List<String> ids = new ArrayList<>();
    int lastPage = Math.max(1, results.orders(filter, sort, 1, size).totalPages());
    OrdersPage page = results.orders(filter, sort, lastPage, size);
    ids.addAll(0, ids(page.content()));
    while (page.previous() != null) {
      page = results.ordersBefore(filter, sort, page.previous(), page.page() - 1, size);
      ids.addAll(0, ids(page.content()));
    }
    return ids;
  }

  private static List<String> ids(List<OrderRow> rows) {
    return rows.stream().map(OrderRow::orderId).toList();
  }
}
