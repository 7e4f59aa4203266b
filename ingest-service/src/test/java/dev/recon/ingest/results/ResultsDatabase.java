package dev.recon.ingest.results;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A real PostgreSQL holding the {@code results} schema as the merge service's own migrations make
 * it, indexes included, for the SQL of the read side. Line counts default to 0 here, so a test
 * inserts only the columns it reads.
 */
public final class ResultsDatabase implements AutoCloseable {

  /** The merge service owns the schema; tests run in this module's directory. */
  private static final Path MIGRATIONS =
      Path.of("../merge-service/src/main/resources/db/migration");

  private final EmbeddedPostgres postgres;
  private final HikariDataSource pool;
  private final JdbcTemplate jdbc;

  private ResultsDatabase(EmbeddedPostgres postgres, String upToVersion) {
    if (!Files.isDirectory(MIGRATIONS)) {
      throw new IllegalStateException(
          "no merge-service migrations at " + MIGRATIONS.toAbsolutePath());
    }
    this.postgres = postgres;
    // Pooled, as in the gateway: a connection of its own for every statement costs 20 ms here.
    this.pool = pool(4);
    this.jdbc = new JdbcTemplate(pool);
    FluentConfiguration migrations = migrations();
    if (upToVersion != null) {
      migrations.target(upToVersion);
    }
    migrations.load().migrate();
    jdbc.execute(
        "alter table results.orders alter mtr_lines set default 0,"
            + " alter payment_lines set default 0");
  }

  public static ResultsDatabase start() throws IOException {
    return new ResultsDatabase(EmbeddedPostgres.start(), null);
  }

  /**
   * A database migrated up to {@code version} only, for a test that fills it and then runs the
   * {@link #migrateToLatest() later migrations} on what it holds.
   */
  public static ResultsDatabase startUpTo(String version) throws IOException {
    return new ResultsDatabase(EmbeddedPostgres.start(), version);
  }

  /** Runs the migrations not yet run. */
  public void migrateToLatest() {
    migrations().load().migrate();
  }

  private FluentConfiguration migrations() {
    return Flyway.configure()
        .dataSource(pool)
        .schemas("results")
        .createSchemas(true)
        .locations("filesystem:" + MIGRATIONS);
  }

  public JdbcTemplate jdbc() {
    return jdbc;
  }

  /** A pool of its own with at most {@code connections}, each given within a second or never. */
  public HikariDataSource pool(int connections) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    config.setMaximumPoolSize(connections);
    config.setConnectionTimeout(1_000);
    return new HikariDataSource(config);
  }

  @Override
  public void close() throws IOException {
    pool.close();
    postgres.close();
  }
}
