package dev.recon.ingest.results;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Exports to clients that read slowly hold no pooled connection while they wait: with a pool of
 * two, three exports stalled in the middle of their downloads leave the pool free for a page of
 * orders, and each export, once read, is every order of its filter in its sort.
 */
class ExportConnectionsTest {

  private static final int ORDERS = 20_000;
  private static final int CHUNK = 1_000;

  private static ResultsDatabase database;
  private static HikariDataSource twoConnections;
  private static OrderCounts counts;
  private static ResultsController controller;

  @BeforeAll
  static void fillTheOrders() throws IOException {
    database = ResultsDatabase.start();
    // Ties and nulls in the amounts, ids whose bytewise order is not their dictionary order.
    database
        .jdbc()
        .update(
            """
            insert into results.orders (order_id, category, tolerance_status, net_amount,
                payout_percent, mtr_lines)
            select case when i % 2 = 0 then 'a-' else 'B-' end || i,
                case when i % 3 = 0 then 'Return' else 'Payment Pending' end,
                'Not Applicable',
                case when i % 5 = 0 then null else (i * 7 % 90) - 30.5 end,
                case when i % 4 = 0 then null else (i * 11 % 60) / 3.0 end,
                i % 3
            from generate_series(1, ?) i""",
            ORDERS);
    twoConnections = database.pool(2);
    JdbcTemplate jdbc = new JdbcTemplate(twoConnections);
    counts = new OrderCounts(jdbc, 10, Duration.ofMinutes(1), Clock.systemUTC());
    controller = new ResultsController(new ResultsRepository(jdbc, counts, 14, CHUNK));
  }

  @AfterAll
  static void stop() throws IOException {
    counts.stop();
    twoConnections.close();
    database.close();
  }

  @Test
  void slowDownloadsHoldNoConnectionAndEachIsTheWholeSortedList() throws Exception {
    List<Export> exports =
        List.of(
            new Export(null, null),
            new Export(null, "net_amount,desc"),
            new Export("Return", "payout_percent"));
    CountDownLatch stalled = new CountDownLatch(exports.size());
    CountDownLatch readOn = new CountDownLatch(1);
    List<StalledClient> clients =
        exports.stream().map(export -> new StalledClient(stalled, readOn)).toList();
    List<CompletableFuture<Void>> downloads =
        java.util.stream.IntStream.range(0, exports.size())
            .mapToObj(i -> CompletableFuture.runAsync(() -> exports.get(i).writeTo(clients.get(i))))
            .toList();

    assertThat(stalled.await(30, TimeUnit.SECONDS))
        .as("every download reached its client, which stopped reading")
        .isTrue();
    // The pool gives a connection within a second or fails: three stalled downloads hold none.
    assertThat(
            new JdbcTemplate(twoConnections)
                .queryForObject("select count(*) from results.orders", Long.class))
        .isEqualTo(ORDERS);
    readOn.countDown();
    CompletableFuture.allOf(downloads.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    for (int i = 0; i < exports.size(); i++) {
      Export export = exports.get(i);
      String csv = clients.get(i).received();
      assertThat(csv).as(export.toString()).isEqualTo(export.inOneStatement());
      assertThat(csv.lines().count() - 1).as(export.toString()).isGreaterThan(CHUNK * 5L);
    }
  }

  /** The ledger here has no payment line: no as-of date. */
  private static final Ageing.Rules NOTHING_AGED = new Ageing.Rules(null, 14);

  /** An export of the orders of {@code category} (all when null) in {@code sort}. */
  private record Export(String category, String sort) {

    void writeTo(OutputStream client) {
      try {
        controller.export("csv", category, null, null, sort, null, null).getBody().writeTo(client);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    /** The CSV of one statement reading every order: what the export was when it held one. */
    String inOneStatement() {
      OrderFilter filter = new OrderFilter(category, null, null);
      StringBuilder csv = new StringBuilder(ResultsController.CSV_HEADER).append('\n');
      database
          .jdbc()
          .query(
              "select * from results.orders"
                  + filter.whereClause()
                  + OrderSort.parse(sort).orderByClause(),
              rs -> {
                csv.append(
                    ResultsController.csvLine(
                        ResultsRepository.orders(NOTHING_AGED).mapRow(rs, 0)));
              },
              filter.parameters().toArray());
      return csv.toString();
    }
  }

  /** A client that reads the first bytes, then stops until told to read on. */
  private static final class StalledClient extends OutputStream {
    private final CountDownLatch stalled;
    private final CountDownLatch readOn;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    StalledClient(CountDownLatch stalled, CountDownLatch readOn) {
      this.stalled = stalled;
      this.readOn = readOn;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
      if (received.size() == 0) {
        stalled.countDown();
        try {
          if (!readOn.await(60, TimeUnit.SECONDS)) {
            throw new IOException("never told to read on");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException(e);
        }
      }
      received.write(bytes, offset, length);
    }

    synchronized String received() {
      return received.toString(StandardCharsets.UTF_8);
    }
  }
}
