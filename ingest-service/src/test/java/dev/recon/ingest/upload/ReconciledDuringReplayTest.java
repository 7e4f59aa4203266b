package dev.recon.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.contracts.Topics;
import dev.recon.ingest.IngestProperties;
import dev.recon.ingest.eventlog.EventLog;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * An upload whose markers are all in, and a replay that empties them between the gateway's check of
 * the markers and its change of the upload's status: the upload must stay PUBLISHED, since its rows
 * have just been removed. The replay's transaction runs the statements of {@code
 * ReplayRepository.clearReadModel} that concern the upload (the markers emptied, RECONCILED uploads
 * sent back to PUBLISHED) after locking the uploads table, so that the gateway, having read the
 * markers, waits at its status change: the step the replay must fall between.
 */
class ReconciledDuringReplayTest {

  @Test
  void aReplayEmptyingTheMarkersWhileTheStatusChangesLeavesTheUploadPublished() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        Admin noBroker = adminOfNoBroker()) {
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .schemas("gateway")
          .createSchemas(true)
          .load()
          .migrate();
      JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
      jdbc.execute(
          """
          create schema results;
          create table results.upload_markers (
              upload_id bigint not null, topic text not null, partition integer not null,
              rows bigint not null, primary key (upload_id, topic, partition))""");
      UploadRepository repository = new UploadRepository(jdbc);
      long id = repository.create("payment.csv", 100, "sha", "gateway-test");
      repository.opened(id, "payment", "csv");
      repository.published(id, 3, 3, List.of(new UploadRepository.PartitionMarker(0, 3, 3)));
      for (String topic : List.of(Topics.RESULTS.name(), Topics.REJECTED.name())) {
        jdbc.update(
            "insert into results.upload_markers values (?, ?, 0, ?)",
            id,
            topic,
            topic.equals(Topics.RESULTS.name()) ? 3 : 0);
      }
      UploadProgress progress =
          new UploadProgress(repository, new EventLog(jdbc), noBroker, properties());

      try (Connection replay = postgres.getPostgresDatabase().getConnection();
          Statement statements = replay.createStatement()) {
        replay.setAutoCommit(false);
        statements.execute("lock table gateway.uploads in exclusive mode");
        CompletableFuture<Void> refreshed = CompletableFuture.runAsync(progress::refresh);
        await("the gateway to reach the upload's status change")
            .atMost(Duration.ofSeconds(30))
            .until(() -> waitingForTheUploads(jdbc));
        statements.execute("truncate results.upload_markers");
        statements.execute(
            "update gateway.uploads set status = 'PUBLISHED', finished_at = null"
                + " where status = 'RECONCILED'");
        replay.commit();
        refreshed.get(30, TimeUnit.SECONDS);
      }

      assertThat(repository.find(id).orElseThrow().status()).isEqualTo(UploadStatus.PUBLISHED);
    }
  }

  /** Another session is waiting for a lock on {@code gateway.uploads}. */
  private static boolean waitingForTheUploads(JdbcTemplate jdbc) {
    Integer waiting =
        jdbc.queryForObject(
            "select count(*) from pg_locks where not granted"
                + " and relation = 'gateway.uploads'::regclass",
            Integer.class);
    return waiting != null && waiting > 0;
  }

  /** The transform's offsets are not what this test is about: asking for them fails at once. */
  private static Admin adminOfNoBroker() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    return Admin.create(
        Map.of(
            "bootstrap.servers", "127.0.0.1:" + port,
            "default.api.timeout.ms", 1000,
            "request.timeout.ms", 500));
  }

  private static IngestProperties properties() {
    return new IngestProperties(
        Path.of("unused"),
        1,
        1,
        (short) 1,
        "recon-transform",
        "recon-test-",
        Duration.ofMinutes(1),
        List.of());
  }
}
