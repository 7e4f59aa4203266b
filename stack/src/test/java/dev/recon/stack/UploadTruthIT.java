package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What an upload's status and the original API say when the database fails or refuses, through the
 * real services, broker and a PostgreSQL of the stack's own, with faults injected into it by
 * triggers and constraints at the exact statement they concern.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UploadTruthIT {

  private static final Duration RECONCILED_WITHIN = Duration.ofMinutes(3);

  private static Stack stack;
  private static PipelineWatch watch;
  private static GatewayClient gateway;
  private static Dataset small;
  private static Dataset edge;

  @BeforeAll
  static void start() throws Exception {
    stack = DatabaseOutageIT.startWithItsOwnPostgres("upload-truth");
    watch = new PipelineWatch(stack);
    gateway = new GatewayClient(stack.gatewayUrl());
    small = Dataset.named("small");
    edge = Dataset.named("edge");
  }

  @AfterAll
  static void stop() {
    if (watch != null) {
      watch.close();
    }
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * PostgreSQL refuses every line of one order (a constraint added for the test): those rows are
   * listed as rejected with the database's reason, both uploads end RECONCILED, and every other
   * order is written.
   */
  @Test
  @Order(1)
  void aResultThePostgresqlRefusesIsRejectedAndTheRestFlows() throws Exception {
    String refusedOrder = firstExpectedOrderId(small);
    execute(
        "alter table results.order_lines add constraint injected_refusal check (order_id <> '"
            + refusedOrder
            + "')");
    try {
      List<String> ids =
          watch.upload(List.of(input(small, "mtr.csv"), input(small, "payment.csv")));
      watch.awaitReconciled(ids, RECONCILED_WITHIN);

      List<String> refused = new ArrayList<>();
      for (String id : ids) {
        gateway
            .rejectedCsv(id)
            .lines()
            .filter(line -> line.contains("DATABASE_REFUSED"))
            .forEach(refused::add);
      }
      assertThat(refused)
          .isNotEmpty()
          .allSatisfy(line -> assertThat(line).contains("order " + refusedOrder, "23514"));
      JsonNode totals = gateway.summary().path("totals");
      assertThat(totals.path("orders").asLong())
          .isEqualTo(small.expectedSummary().path("totals").path("orders").asLong() - 1);
      assertThat(gateway.ordersCsv()).doesNotContain(refusedOrder);
    } finally {
      execute("alter table results.order_lines drop constraint injected_refusal");
    }
  }

  /**
   * The database fails the gateway's record of a publication right after the upload's Kafka
   * transaction committed (a trigger on the upload's partition markers): the upload is never
   * reported FAILED, and once the database takes the record again it ends RECONCILED.
   */
  @Test
  @Order(2)
  void anUploadWhoseTransactionCommittedNeverFailsForALaterDatabaseError() throws Exception {
    execute(
        """
        create sequence gateway.injected_refusals;
        create function gateway.refuse_publication() returns trigger language plpgsql as $$
        begin
          perform nextval('gateway.injected_refusals');
          raise exception 'injected: the database fails after the Kafka transaction committed';
        end $$;
        create trigger refuse_publication before insert on gateway.upload_partitions
            for each row execute function gateway.refuse_publication()""");
    List<String> ids;
    try {
      ids = watch.upload(List.of(input(edge, "payment.csv")));
      String id = ids.get(0);
      await("the gateway to meet the fault, and to retry or give up")
          .atMost(Duration.ofMinutes(2))
          .until(
              () ->
                  refusals("gateway.injected_refusals") >= 2
                      || gateway.upload(id).status().equals(UploadState.FAILED));
      UploadState meanwhile = gateway.upload(id);
      assertThat(meanwhile.status()).as("%s", meanwhile).isNotEqualTo(UploadState.FAILED);
    } finally {
      execute(
          "drop trigger refuse_publication on gateway.upload_partitions;"
              + " drop function gateway.refuse_publication();"
              + " drop sequence gateway.injected_refusals");
    }
    watch.awaitReconciled(ids, RECONCILED_WITHIN);
    UploadState reconciled = gateway.upload(ids.get(0));
    assertThat(reconciled.error()).isNull();
    assertThat(reconciled.rowsPublished()).isPositive();
  }

  /**
   * The original API's answer is about the two files it was sent: after another upload's charges
   * are in, its transaction summary still holds only those of its own payment file, and the charges
   * its files share with an earlier upload of the same rows are in it.
   */
  @Test
  @Order(3)
  void processFilesSummarisesTheChargesOfItsOwnFilesOnly() throws Exception {
    watch.awaitReconciled(watch.upload(List.of(input(edge, "payment.csv"))), RECONCILED_WITHIN);

    JsonNode answer = processFiles(input(small, "mtr.csv"), input(small, "payment.csv"));

    Map<String, BigDecimal> expected = new TreeMap<>();
    for (JsonNode group : small.expectedSummary().path("non_order_charges")) {
      expected.put(
          group.path("description").asText(), new BigDecimal(group.path("amount").asText()));
    }
    Map<String, BigDecimal> answered = new TreeMap<>();
    for (JsonNode group : answer.path("transaction_summary")) {
      answered.put(
          group.path("Description").asText(), new BigDecimal(group.path("NetAmount").asText()));
    }
    assertThat(answered).isEqualTo(expected);
  }

  /**
   * The database refuses the rows-read counter that the gateway records while it publishes (every
   * 10,000 rows; a trigger): the counter is only shown to people, so the upload's transaction goes
   * on and the upload ends RECONCILED with every row published.
   */
  @Test
  @Order(4)
  void aDatabaseErrorWhileRecordingProgressDoesNotFailTheUpload(@TempDir Path scratch)
      throws Exception {
    Path payment =
        Dataset.named("medium").inputs(scratch).stream()
            .filter(file -> file.getFileName().toString().startsWith("payment"))
            .findFirst()
            .orElseThrow();
    execute(
        """
        create sequence gateway.injected_progress_refusals;
        create function gateway.refuse_progress() returns trigger language plpgsql as $$
        begin
          perform nextval('gateway.injected_progress_refusals');
          raise exception 'injected: the database fails while an upload is being published';
        end $$;
        create trigger refuse_progress before update of rows_read on gateway.uploads
            for each row when (new.status = 'RECEIVED' and new.rows_read > 0)
            execute function gateway.refuse_progress()""");
    List<String> ids;
    try {
      ids = watch.upload(List.of(payment));
      watch.awaitReconciled(ids, RECONCILED_WITHIN);
      assertThat(refusals("gateway.injected_progress_refusals")).isPositive();
    } finally {
      execute(
          "drop trigger refuse_progress on gateway.uploads;"
              + " drop function gateway.refuse_progress();"
              + " drop sequence gateway.injected_progress_refusals");
    }
    UploadState reconciled = gateway.upload(ids.get(0));
    assertThat(reconciled.error()).isNull();
    assertThat(reconciled.rowsPublished()).isEqualTo(25_708L);
  }

  /**
   * PostgreSQL terminates the gateway's connection in the middle of recording a publication (as a
   * restart of the database does; a trigger that ends its own backend twice): the transaction's
   * rollback fails as well, and the gateway still retries until the upload is recorded, which then
   * ends RECONCILED.
   */
  @Test
  @Order(5)
  void aConnectionLostWhileRecordingAPublicationIsRetried() throws Exception {
    execute(
        """
        create sequence gateway.injected_terminations;
        create function gateway.terminate_publication() returns trigger language plpgsql as $$
        begin
          if nextval('gateway.injected_terminations') <= 2 then
            perform pg_terminate_backend(pg_backend_pid());
          end if;
          return new;
        end $$;
        create trigger terminate_publication before insert on gateway.upload_partitions
            for each row execute function gateway.terminate_publication()""");
    List<String> ids;
    try {
      ids = watch.upload(List.of(input(edge, "mtr.csv")));
      watch.awaitReconciled(ids, RECONCILED_WITHIN);
      assertThat(refusals("gateway.injected_terminations")).isGreaterThanOrEqualTo(2);
    } finally {
      execute(
          "drop trigger terminate_publication on gateway.upload_partitions;"
              + " drop function gateway.terminate_publication();"
              + " drop sequence gateway.injected_terminations");
    }
    assertThat(gateway.upload(ids.get(0)).error()).isNull();
  }

  private static JsonNode processFiles(Path mtr, Path payment)
      throws IOException, InterruptedException {
    String boundary = "recon-" + UUID.randomUUID();
    List<BodyPublisher> parts = new ArrayList<>();
    for (Map.Entry<String, Path> part :
        Map.of("mtr_file", mtr, "payment_file", payment).entrySet()) {
      parts.add(
          BodyPublishers.ofString(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + part.getKey()
                  + "\"; filename=\""
                  + part.getValue().getFileName()
                  + "\"\r\nContent-Type: text/csv\r\n\r\n",
              StandardCharsets.UTF_8));
      parts.add(BodyPublishers.ofFile(part.getValue()));
      parts.add(BodyPublishers.ofString("\r\n", StandardCharsets.US_ASCII));
    }
    parts.add(BodyPublishers.ofString("--" + boundary + "--\r\n", StandardCharsets.US_ASCII));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/process-files"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .timeout(RECONCILED_WITHIN)
            .POST(BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)))
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return Json.MAPPER.readTree(response.body());
  }

  private static Path input(Dataset dataset, String name) {
    return dataset.dir().resolve("inputs").resolve(name);
  }

  private static String firstExpectedOrderId(Dataset dataset) {
    String secondLine = dataset.expectedOrdersCsv().lines().skip(1).findFirst().orElseThrow();
    return secondLine.substring(0, secondLine.indexOf(','));
  }

  /** How often an injected fault counting itself in {@code sequence} was met. */
  private static long refusals(String sequence) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement();
        ResultSet rs =
            statement.executeQuery(
                "select case when is_called then last_value else 0 end from " + sequence)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static Connection connect() throws SQLException {
    Database database = stack.database();
    return DriverManager.getConnection(database.url(), database.user(), database.password());
  }
}
