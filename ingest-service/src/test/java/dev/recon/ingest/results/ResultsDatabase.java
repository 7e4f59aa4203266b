package dev.recon.ingest.results;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL holding {@code results.orders} with the columns of the merge service's
 * migration, for the SQL of the read side. Line counts default to 0, so a test inserts only the
 * columns it reads.
 */
public final class ResultsDatabase implements AutoCloseable {

  private final EmbeddedPostgres postgres;
  private final JdbcTemplate jdbc;

  private ResultsDatabase(EmbeddedPostgres postgres) {
    this.postgres = postgres;
    this.jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    jdbc.execute(
        """
        create schema results;
        create table results.orders (
            order_id text primary key, category text not null, tolerance_status text not null,
            shipment_invoice_amount numeric, return_invoice_amount numeric, net_amount numeric,
            payout_percent numeric, tolerance_minimum numeric,
            mtr_lines integer not null default 0, payment_lines integer not null default 0)""");
  }

  public static ResultsDatabase start() throws IOException {
    return new ResultsDatabase(EmbeddedPostgres.start());
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
