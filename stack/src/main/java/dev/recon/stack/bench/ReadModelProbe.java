package dev.recon.stack.bench;

import dev.recon.stack.Database;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

/**
 * What the read model's indexes cost PostgreSQL for each order row the sink writes, measured on the
 * run's own orders. The floor's sink upserts into a table with a key alone; {@code results.orders}
 * also has an index for every sort the read API offers, its filters and its search, and an upsert
 * that changes an indexed column writes every one of them. The run's orders are copied into a table
 * with the key alone and one with every index of {@code results.orders}, each inserted and then
 * updated in one statement; the difference in PostgreSQL's CPU per row written is what the indexes
 * add to a write, less than they add to the sink's upserts, which pay the same per row and more per
 * statement. Times the order rows the run wrote, it is a cost per row that no pipeline writing this
 * read model avoids, on top of the floor.
 */
final class ReadModelProbe {
  /** Enough orders for a steady cost per row, and a bounded time at a million orders. */
  private static final int LARGEST_SAMPLE = 200_000;

  private static final String KEY_ONLY = "recon_bench_orders_key_only";
  private static final String INDEXED = "recon_bench_orders_indexed";

  /**
   * @param orderWrites the order rows the run's sink inserted or updated
   * @param indexes the indexes of {@code results.orders}, its key among them
   * @param sampled orders copied into each table; each is written twice (insert, update)
   * @param keyOnly PostgreSQL's CPU for the table with the key alone
   * @param indexed PostgreSQL's CPU for the table with every index
   */
  record ReadModel(
      long orderWrites, int indexes, long sampled, Duration keyOnly, Duration indexed) {
    long writes() {
      return 2 * sampled;
    }

    double keyOnlyMicrosPerWrite() {
      return keyOnly.toNanos() / 1e3 / Math.max(writes(), 1);
    }

    double indexedMicrosPerWrite() {
      return indexed.toNanos() / 1e3 / Math.max(writes(), 1);
    }

    /** What the indexes beyond the key add to a write; never below zero (noise in a small run). */
    double indexMicrosPerWrite() {
      return Math.max(0, indexedMicrosPerWrite() - keyOnlyMicrosPerWrite());
    }

    double orderWritesPerRow(long rows) {
      return (double) orderWrites / Math.max(rows, 1);
    }

    double indexMicrosPerRow(long rows) {
      return indexMicrosPerWrite() * orderWritesPerRow(rows);
    }
  }

  private ReadModelProbe() {}

  static ReadModel measure(Database database, CpuMeter.Watched postgres) throws SQLException {
    try (Connection db =
            DriverManager.getConnection(database.url(), database.user(), database.password());
        Statement sql = db.createStatement()) {
      long orderWrites =
          single(
              sql,
              "select n_tup_ins + n_tup_upd from pg_stat_user_tables"
                  + " where schemaname = 'results' and relname = 'orders'");
      int indexes =
          (int)
              single(
                  sql,
                  "select count(*) from pg_indexes"
                      + " where schemaname = 'results' and tablename = 'orders'");
      dropTables(sql);
      // Vacuuming while measured would charge one table with work the other does not do.
      sql.execute(
          "create table "
              + KEY_ONLY
              + " (like results.orders including defaults) with (autovacuum_enabled = false)");
      sql.execute("alter table " + KEY_ONLY + " add primary key (order_id)");
      sql.execute(
          "create table "
              + INDEXED
              + " (like results.orders including all) with (autovacuum_enabled = false)");
      try {
        Duration keyOnly = writeOrders(sql, KEY_ONLY, postgres);
        long sampled = single(sql, "select count(*) from " + KEY_ONLY);
        Duration indexed = writeOrders(sql, INDEXED, postgres);
        return new ReadModel(orderWrites, indexes, sampled, keyOnly, indexed);
      } finally {
        dropTables(sql);
      }
    }
  }

  /** Inserts the run's orders (in the order they arrived) and updates each once, metered. */
  private static Duration writeOrders(Statement sql, String table, CpuMeter.Watched postgres)
      throws SQLException {
    CpuMeter meter = CpuMeter.start(List.of(postgres));
    sql.execute("insert into " + table + " select * from results.orders limit " + LARGEST_SAMPLE);
    // a change of an indexed column, as an order's second result makes: no update is HOT
    sql.execute("update " + table + " set mtr_lines = mtr_lines + 1");
    return meter.stop(0).total();
  }

  private static void dropTables(Statement sql) throws SQLException {
    sql.execute("drop table if exists " + KEY_ONLY + ", " + INDEXED);
  }

  private static long single(Statement sql, String query) throws SQLException {
    try (ResultSet result = sql.executeQuery(query)) {
      result.next();
      return result.getLong(1);
    }
  }
}
