package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.contracts.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
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
 * Two gateways on one broker and database, as behind a load balancer, and replays that fail or are
 * interrupted in each of their phases. Each gateway resumes only its own uploads; a replay is never
 * failed by another gateway's start, never resumes the services on a half-reset state, and always
 * ends with the results it started from. The faults are real: {@code kill -9} of a gateway, a
 * consumer that will not leave the sink's group, a table lock that holds the reset, PostgreSQL
 * stopped during the reset.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GatewaysAndReplaysIT {

  private static final Duration RECONCILE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration REPLAY_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration SETTLE = Duration.ofSeconds(3);

  private static Stack stack;
  private static int secondGateway;
  private static String exportBeforeReplays;

  @BeforeAll
  static void start() throws Exception {
    stack = DatabaseOutageIT.startWithItsOwnPostgres("gateways");
    secondGateway = stack.startInstances(Service.INGEST).get(0);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * Gateway 2 is killed while it publishes; gateway 1 restarts meanwhile and must leave that upload
   * alone (it does not have the file); gateway 2's own restart publishes it.
   */
  @Test
  @Order(1)
  void aGatewayKilledMidUploadIsResumedByItsOwnRestartAndByNoOtherGateway(@TempDir Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named("medium");
    List<Path> inputs = dataset.inputs(scratch);
    String mtrId = upload(second(), inputs.get(0));
    awaitPublishing(second(), mtrId);
    stack.killInstance(Service.INGEST, secondGateway);
    String killedWith = first().upload(mtrId).toString();

    stack.stop(Service.INGEST);
    stack.restart(Service.INGEST);
    Thread.sleep(SETTLE.toMillis());
    assertThat(first().upload(mtrId).status())
        .as("gateway 2's upload after gateway 1 restarted (at the kill: %s)", killedWith)
        .isEqualTo("RECEIVED");

    stack.restartInstance(Service.INGEST, secondGateway);
    String paymentId = upload(first(), inputs.get(1));
    try (PipelineWatch watch = new PipelineWatch(stack)) {
      List<String> ids = List.of(mtrId, paymentId);
      watch.awaitReconciled(ids, RECONCILE_TIMEOUT);
      ResultComparison.assertMatches(dataset, watch.results(ids));
    }
    exportBeforeReplays = first().ordersCsv();
  }

  /**
   * A consumer that will not leave the sink's group keeps a replay PAUSING. Gateway 2 restarts: the
   * replay gateway 1 drives is not failed. Gateway 1 is killed: its restart continues the replay.
   */
  @Test
  @Order(2)
  void aReplayIsNotFailedByAnotherGatewaysStartAndContinuesAfterItsGatewayIsKilledWhilePausing()
      throws Exception {
    long id;
    try (KafkaConsumer<String, byte[]> straggler = sinkGroupMember()) {
      id = admin(first()).startReplay().path("id").asLong();
      awaitReplay(id, "PAUSING");

      stack.stopInstance(Service.INGEST, secondGateway);
      stack.restartInstance(Service.INGEST, secondGateway);
      Thread.sleep(SETTLE.toMillis());
      assertThat(replay(id).path("status").asText())
          .as("the replay after gateway 2 restarted")
          .isEqualTo("PAUSING");

      stack.kill(Service.INGEST);
      stack.restart(Service.INGEST);
      Thread.sleep(SETTLE.toMillis());
      assertThat(replay(id).path("status").asText())
          .as("the replay after gateway 1, its driver, was killed and restarted")
          .isEqualTo("PAUSING");
    }
    awaitDoneWithTheSameResults(id);
  }

  /**
   * The reset is held on a lock of the read model after the offsets were reset and the changelogs
   * deleted, and the gateway driving it is killed there. Resuming the services now would run them
   * on a half-reset state: the restarted gateway completes the reset instead.
   */
  @Test
  @Order(3)
  void aReplayWhoseGatewayIsKilledWhileResettingIsCompletedByItsRestart() throws Exception {
    long id;
    try (Connection lock = lockReadModel()) {
      id = admin(first()).startReplay().path("id").asLong();
      awaitReplay(id, "RESETTING");
      Thread.sleep(SETTLE.toMillis());
      stack.kill(Service.INGEST);
      stack.restart(Service.INGEST);
      Thread.sleep(SETTLE.toMillis());
      assertThat(replay(id).path("status").asText())
          .as("the replay after its gateway was killed while resetting")
          .isEqualTo("RESETTING");
      lock.rollback();
    }
    awaitDoneWithTheSameResults(id);
  }

  /** PostgreSQL stops in the middle of the reset: the reset waits for it, then completes. */
  @Test
  @Order(4)
  void aReplayWhoseDatabaseStopsWhileResettingCompletesWhenItIsBack() throws Exception {
    long id;
    try (Connection lock = lockReadModel()) {
      id = admin(first()).startReplay().path("id").asLong();
      awaitReplay(id, "RESETTING");
      Thread.sleep(SETTLE.toMillis());
      stack.stopPostgres();
    }
    Thread.sleep(SETTLE.toMillis());
    stack.startPostgres();
    awaitDoneWithTheSameResults(id);
  }

  /**
   * The gateway is killed while the services reprocess (the sink held on a lock so that this
   * lasts): its restart leaves the replay reprocessing, which ends DONE.
   */
  @Test
  @Order(5)
  void aReplayWhoseGatewayIsKilledWhileReprocessingEndsDone() throws Exception {
    long id = admin(first()).startReplay().path("id").asLong();
    try (Connection lock = awaitReprocessingAndLockReadModel(id)) {
      stack.kill(Service.INGEST);
      stack.restart(Service.INGEST);
      assertThat(replay(id).path("status").asText()).isEqualTo("REPROCESSING");
      lock.rollback();
    }
    awaitDoneWithTheSameResults(id);
  }

  private static void awaitDoneWithTheSameResults(long id) throws Exception {
    JsonNode done =
        await("replay " + id + " to end")
            .atMost(REPLAY_TIMEOUT)
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(
                () -> replay(id),
                replay -> List.of("DONE", "FAILED").contains(replay.path("status").asText()));
    assertThat(done.path("status").asText()).as("replay %s: %s", id, done).isEqualTo("DONE");
    assertThat(first().ordersCsv()).isEqualTo(exportBeforeReplays);
    assertThat(
            ResultComparison.summary(Dataset.named("medium").expectedSummary(), first().summary()))
        .isEmpty();
  }

  private static void awaitReplay(long id, String status) {
    await("replay " + id + " to be " + status)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> replay(id).path("status").asText(), status::equals);
  }

  private static Connection awaitReprocessingAndLockReadModel(long id) throws Exception {
    awaitReplay(id, "REPROCESSING");
    Connection lock = lockReadModel();
    JsonNode replay = replay(id);
    assertThat(replay.path("uploadsDone").asInt())
        .as("uploads reconciled again before the lock: %s", replay)
        .isLessThan(replay.path("uploadsTotal").asInt());
    return lock;
  }

  /** Holds an exclusive lock on the orders table until rolled back or closed. */
  private static Connection lockReadModel() throws SQLException {
    Database database = stack.database();
    Connection connection =
        DriverManager.getConnection(database.url(), database.user(), database.password());
    connection.setAutoCommit(false);
    try (Statement statement = connection.createStatement()) {
      statement.execute("lock table results.orders in access exclusive mode");
    }
    return connection;
  }

  /** A member of the sink's consumer group that is no service, so no pause reaches it. */
  private static KafkaConsumer<String, byte[]> sinkGroupMember() {
    KafkaConsumer<String, byte[]> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG,
                "recon-sink",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
                false),
            new StringDeserializer(),
            new ByteArrayDeserializer());
    consumer.subscribe(List.of(Topics.RESULTS.name()));
    Instant deadline = Instant.now().plus(Duration.ofMinutes(1));
    while (consumer.assignment().isEmpty() && Instant.now().isBefore(deadline)) {
      consumer.poll(Duration.ofMillis(200));
    }
    assertThat(consumer.assignment()).as("partitions of the sink group's straggler").isNotEmpty();
    return consumer;
  }

  private static String upload(GatewayClient gateway, Path file) throws Exception {
    UploadAnswer answer = gateway.upload(List.of(file), Optional.empty());
    assertThat(answer.accepted()).as("%s: %s", file.getFileName(), answer).isTrue();
    return answer.uploads().get(0).id();
  }

  private static void awaitPublishing(GatewayClient gateway, String id) {
    await("upload " + id + " to be part-way published")
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> gateway.upload(id),
            state -> {
              assertThat(state.status()).as("upload %s: %s", id, state).isEqualTo("RECEIVED");
              return state.progress() != null && state.progress().path("published").asLong() > 0;
            });
  }

  private static JsonNode replay(long id) throws Exception {
    return admin(first()).replay(id);
  }

  /** A client per call: a pooled connection to a gateway from before its restart is dead. */
  private static GatewayClient first() {
    return new GatewayClient(stack.gatewayUrl());
  }

  private static GatewayClient second() {
    return new GatewayClient(
        URI.create("http://localhost:" + stack.instancePort(Service.INGEST, secondGateway)));
  }

  private static GatewayClient admin(GatewayClient gateway) throws Exception {
    return new GatewayClient(gateway.base(), Optional.of(stack.apiToken()));
  }
}
