package dev.recon.ingest.replay;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.results.ResultsDatabase;
import java.io.IOException;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A retraction's states in the gateway's tables (SPEC §8.3), against a real PostgreSQL: which
 * uploads a replay retracts, which the services skip after it, and when each is RETRACTED.
 */
class RetractionBookkeepingTest {

  private static ResultsDatabase database;
  private static JdbcTemplate jdbc;
  private static ReplayRepository replays;

  @BeforeAll
  static void startPostgres() throws IOException {
    database = ResultsDatabase.start();
    Flyway.configure()
        .dataSource(database.pool(2))
        .schemas("gateway")
        .createSchemas(true)
        .load()
        .migrate();
    jdbc = database.jdbc();
    replays = new ReplayRepository(jdbc);
  }

  @AfterAll
  static void stopPostgres() throws IOException {
    database.close();
  }

  private static long upload(String status) {
    Long id =
        jdbc.queryForObject(
            "insert into gateway.uploads (file_name, size_bytes, sha256, status, rows_published)"
                + " values ('f.csv', 1, 'x', ?, 10) returning id",
            Long.class,
            status);
    return id == null ? -1 : id;
  }

  private static String status(long upload) {
    return replays.uploadStatus(upload).orElseThrow();
  }

  @Test
  void aRetractionWaitsForAReplayThatRetractsItWhenDone() {
    long reconciled = upload("RECONCILED");
    long kept = upload("RECONCILED");
    long receiving = upload("RECEIVED");
    long refused = upload("REJECTED");

    assertThat(replays.retract(reconciled)).contains("RETRACTING");
    assertThat(replays.retract(refused))
        .as("a refused file published nothing: nothing to rebuild")
        .contains("RETRACTED");
    assertThat(replays.retract(receiving)).isEmpty();
    assertThat(replays.retract(reconciled)).as("retracting twice changes nothing").isEmpty();
    assertThat(status(receiving)).isEqualTo("RECEIVED");
    assertThat(replays.retract(Long.MAX_VALUE)).isEmpty();
    assertThat(replays.uploadStatus(Long.MAX_VALUE)).isEqualTo(Optional.empty());
    assertThat(replays.retractionWaits()).isTrue();

    long replay = replays.create("gateway-1").orElseThrow();
    assertThat(replays.retractionWaits())
        .as("a replay that has not reset yet takes every retraction requested before its reset")
        .isFalse();
    assertThat(replays.advance(replay, "gateway-1", ReplayStatus.PAUSING, ReplayStatus.RESETTING))
        .isTrue();
    new TransactionTemplate(new DataSourceTransactionManager(database.pool(1)))
        .executeWithoutResult(
            transaction -> assertThat(replays.clearReadModel(replay, "gateway-1")).isTrue());

    assertThat(status(kept)).as("reprocessed like any replay's upload").isEqualTo("PUBLISHED");
    assertThat(status(reconciled)).isEqualTo("RETRACTING");
    assertThat(replays.retractedAfter(replay)).containsExactlyInAnyOrder(reconciled, refused);

    assertThat(replays.retract(kept)).contains("RETRACTING");
    assertThat(replays.retractionWaits())
        .as("the replay under way had reset before this retraction: the next one takes it")
        .isTrue();
    assertThat(replays.retractedAfter(replay)).doesNotContain(kept);

    jdbc.update("update gateway.uploads set status = 'RECONCILED' where status = 'PUBLISHED'");
    assertThat(replays.reprocessed(replay)).isTrue();
    assertThat(replays.done(replay)).isTrue();
    assertThat(status(reconciled)).isEqualTo("RETRACTED");
    assertThat(status(kept)).isEqualTo("RETRACTING");
  }
}
