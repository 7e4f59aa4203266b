package dev.recon.ingest.eventlog;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The event log against a real PostgreSQL with the gateway's migrations: the retention deletes the
 * events older than it, in batches, and keeps the others; the log's pages read an index.
 */
class EventLogRetentionTest {

  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final int EXPIRED = 2 * EventLogRetention.BATCH + 123;

  private static EmbeddedPostgres postgres;
  private static JdbcTemplate jdbc;
  private static EventLog events;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.start();
    Flyway.configure()
        .dataSource(postgres.getPostgresDatabase())
        .schemas("gateway")
        .createSchemas(true)
        .load()
        .migrate();
    jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
    events = new EventLog(jdbc);
  }

  @AfterAll
  static void stop() throws IOException {
    postgres.close();
  }

  @Test
  void eventsOlderThanTheRetentionAreDeletedInBatchesAndTheOthersKept() {
    jdbc.execute("truncate gateway.pipeline_events");
    // Older than 30 days by a minute up to about a month more, one in ten an error.
    jdbc.update(
        "insert into gateway.pipeline_events (timestamp, level, message)"
            + " select ?::timestamptz - interval '30 days 1 minute' - i * interval '2 minutes',"
            + " case when i % 10 = 0 then 'ERROR' else 'INFO' end, 'expired ' || i"
            + " from generate_series(1, ?) i",
        NOW.atOffset(ZoneOffset.UTC), EXPIRED);
    jdbc.update(
        "insert into gateway.pipeline_events (timestamp, level, message)"
            + " select ?::timestamptz - interval '30 days' + i * interval '1 hour', 'INFO',"
            + " 'kept ' || i from generate_series(0, 9) i",
        NOW.atOffset(ZoneOffset.UTC));
    EventLogRetention retention =
        new EventLogRetention(
            events, new EventLogProperties(Duration.ofDays(30)), Clock.fixed(NOW, ZoneOffset.UTC));

    assertThat(retention.deleteExpired()).isEqualTo(EXPIRED);

    List<String> kept =
        jdbc.queryForList("select message from gateway.pipeline_events order by id", String.class);
    assertThat(kept).hasSize(10).allMatch(message -> message.startsWith("kept "));
    assertThat(retention.deleteExpired()).isZero();
    assertThat(events.page(null, 1, 20).total()).isEqualTo(10);
  }

  @Test
  void aPageOfTheLogReadsItsIndexNewestFirstWithOrWithoutALevel() {
    jdbc.execute("truncate gateway.pipeline_events");
    jdbc.update(
        "insert into gateway.pipeline_events (level, message)"
            + " select case when i % 50 = 0 then 'ERROR' else 'INFO' end, 'event ' || i"
            + " from generate_series(1, 100000) i");
    jdbc.execute("analyze gateway.pipeline_events");

    assertThat(plan(EventLog.pageQuery(false), 20, 2_000))
        .contains("Index Scan Backward using pipeline_events_pkey")
        .doesNotContain("Sort");
    assertThat(plan(EventLog.pageQuery(true), "ERROR", 20, 40))
        .contains("Index Scan Backward using pipeline_events_level")
        .doesNotContain("Sort");
    assertThat(
            jdbc.queryForList(
                "explain delete from gateway.pipeline_events where id in (select id from"
                    + " gateway.pipeline_events where timestamp < now() - interval '30 days'"
                    + " order by timestamp limit 10000)",
                String.class))
        .anyMatch(line -> line.contains("pipeline_events_timestamp"));

    EventLog.Page errors = events.page("error", 2, 20);
    assertThat(errors.total()).isEqualTo(2_000);
    assertThat(errors.events())
        .extracting(EventLog.Event::message)
        .startsWith("event 99000", "event 98950");
  }

  private static String plan(String query, Object... parameters) {
    return String.join("\n", jdbc.queryForList("explain " + query, String.class, parameters));
  }
}
