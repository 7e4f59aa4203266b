package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.results.ResultsRepository.OrderRow;
import dev.recon.ingest.results.ResultsRepository.OrdersPage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Pages of orders against a real PostgreSQL: every page, those read from the far end included, is
 * its slice of the whole sorted list.
 */
class OrdersPagingTest {

  private static final int ORDERS = 37;
  private static ResultsDatabase database;
  private static ResultsRepository results;
  private static OrderCounts counts;

  @BeforeAll
  static void startPostgres() throws IOException {
    database = ResultsDatabase.start();
    JdbcTemplate jdbc = database.jdbc();
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < ORDERS; i++) {
      // Ties and nulls in net_amount, ids whose bytewise order is not their dictionary order.
      Integer net = random.nextInt(4) == 0 ? null : random.nextInt(5);
      jdbc.update(
          "insert into results.orders (order_id, category, tolerance_status, net_amount)"
              + " values (?, ?, 'Not Applicable', ?)",
          (i % 2 == 0 ? "a-" : "B-") + i,
          i % 3 == 0 ? "Return" : "Payment Pending",
          net);
    }
    // Exact counts only up to 10: most totals here are background counts, as for large tables.
    counts = new OrderCounts(jdbc, 10, Duration.ofMinutes(1), Clock.systemUTC());
    results = new ResultsRepository(jdbc, counts);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    counts.stop();
    database.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "order_id,desc", "net_amount", "net_amount,desc", "category"})
  void everyPageIsItsSliceOfTheWholeList(String sort) {
    OrderSort order = OrderSort.parse(sort);
    for (OrderFilter filter :
        List.of(new OrderFilter(null, null, null), new OrderFilter("Return", null, null))) {
      List<String> all = ids(results.orders(filter, order, 1, 500).content());
      for (int size : new int[] {1, 4, 5, 10}) {
        List<String> paged = new ArrayList<>();
        OrdersPage first = results.orders(filter, order, 1, size);
        for (int page = 1; page <= first.totalPages() + 1; page++) {
          paged.addAll(ids(results.orders(filter, order, page, size).content()));
        }
        assertThat(paged).as("%s, %s, pages of %d", sort, filter, size).isEqualTo(all);
        assertThat(first.totalElements()).isEqualTo(all.size());
      }
    }
  }

  private static List<String> ids(List<OrderRow> rows) {
    return rows.stream().map(OrderRow::orderId).toList();
  }
}
