package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Settings as the service processes read them, on a real broker and database and without a whole
 * stack: each test starts the single services it needs with the settings under test and watches
 * whether they start, what they refuse, and what they do on the broker.
 */
class ServiceSettingsIT {
  private static final String NAME = "service-settings";
  private static final Duration START = Duration.ofMinutes(3);
  private static final List<String> PIPELINE_TOPICS =
      List.of(
          "recon.raw.mtr",
          "recon.raw.payment",
          "recon.lines.mtr",
          "recon.lines.payment",
          "recon.rejected",
          "recon.results");

  private static LocalKafka kafka;
  private static Database database;
  private static Path data;
  private static Admin admin;

  private final List<ServiceProcess> started = new ArrayList<>();

  @BeforeAll
  static void startBrokerAndDatabase() throws IOException {
    database = LocalStack.database(NAME);
    data = LocalStack.directory(NAME);
    kafka = LocalKafka.start(data.resolve("kafka"), Ports.free());
    admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()));
  }

  @AfterAll
  static void stopBroker() {
    if (admin != null) {
      admin.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @AfterEach
  void stopServices() throws InterruptedException {
    for (ServiceProcess process : started) {
      process.stop(Duration.ofSeconds(20));
    }
  }

  /**
   * Issue 16, item 4: every service declares every topic, and Kafka would add partitions to topics
   * declared with more, re-hashing live order ids to empty stores. Each service refuses instead,
   * saying how to go on, and the topics keep their partitions.
   */
  @Test
  void aServiceWithAnotherPartitionCountThanTheTopicsRefusesToStartAndSaysWhatToDo()
      throws Exception {
    ServiceProcess first = launch(Service.TRANSFORM, "transform-6", Map.of());
    awaitHealthy(first);
    first.stop(Duration.ofSeconds(20));
    assertThat(partitionCounts()).containsOnly(6);

    List<ServiceProcess> wider = new ArrayList<>();
    for (Service service : Service.values()) {
      wider.add(launch(service, service.shortName() + "-12", Map.of("RECON_PARTITIONS", "12")));
    }

    for (ServiceProcess process : wider) {
      assertRefusesToStart(
          process,
          "RECON_PARTITIONS is 12, but the pipeline's topics exist with another partition count"
              + " {recon.lines.mtr=6, recon.lines.payment=6, recon.raw.mtr=6,"
              + " recon.raw.payment=6, recon.rejected=6, recon.results=6}",
          "Start every service with RECON_PARTITIONS=6 again.",
          "To move to 12 partitions, start over on new topics: stop every service, give them a"
              + " new Kafka cluster (or delete every recon.* topic) and an empty database, start"
              + " them with RECON_PARTITIONS=12 and upload every report again");
    }
    assertThat(partitionCounts()).containsOnly(6);
  }

  /**
   * Issue 16, item 5: the gateway read the bands with a parser of its own that turned a malformed
   * table into none, while the merge service refused it. One parser now: both refuse, naming the
   * same band.
   */
  @Test
  void malformedToleranceBandsStopTheGatewayAndTheMergeServiceForTheSameReason() throws Exception {
    Map<String, String> malformed = Map.of("RECON_TOLERANCE_BANDS", "300:50,500,*:30");
    ServiceProcess gateway = launch(Service.INGEST, "ingest-bad-bands", malformed);
    ServiceProcess merge = launch(Service.MERGE, "merge-bad-bands", malformed);

    String reason =
        "tolerance band 2 '500' is not 'upper bound:minimum percent' pairs separated by commas";
    assertRefusesToStart(gateway, reason);
    assertRefusesToStart(merge, reason);
  }

  /**
   * Issue 16, item 5: the sink's listener id used to be its consumer group, so {@code
   * RECON_SINK_GROUP}, the group a replay pauses and resets, was not the group the sink consumed
   * in.
   */
  @Test
  void theSinkConsumesInTheGroupThatReconSinkGroupNames() throws Exception {
    String group = "sink-" + UUID.randomUUID();
    ServiceProcess merge =
        launch(Service.MERGE, "merge-sink-group", Map.of("RECON_SINK_GROUP", group));
    awaitHealthy(merge);

    await("the sink's consumers in group " + group)
        .atMost(Duration.ofMinutes(1))
        .untilAsserted(
            () -> {
              ConsumerGroupDescription sink =
                  admin.describeConsumerGroups(List.of(group)).all().get().get(group);
              assertThat(sink.members()).isNotEmpty();
              assertThat(sink.members())
                  .allSatisfy(
                      member ->
                          assertThat(member.assignment().topicPartitions())
                              .allSatisfy(
                                  partition ->
                                      assertThat(partition.topic())
                                          .isIn("recon.results", "recon.rejected")));
            });
    assertThat(admin.listGroups().all().get())
        .extracting(GroupListing::groupId)
        .doesNotContain("recon-sink");
  }

  /**
   * Kafka compresses with lz4-java's native library only where lz4-java may load it, which a Boot
   * jar's class loader may not: each service loads it first (NativeLz4). Started from their jars as
   * the stack starts them, all three have it mapped.
   */
  @Test
  void everyServiceCompressesWithTheNativeLz4Library() throws Exception {
    List<ServiceProcess> services = new ArrayList<>();
    for (Service service : Service.values()) {
      services.add(launch(service, service.shortName() + "-lz4", Map.of()));
    }
    for (ServiceProcess process : services) {
      awaitHealthy(process);
      assertThat(Files.readString(Path.of("/proc", Long.toString(process.pid()), "maps")))
          .as(process.name() + "'s mapped files")
          .contains("liblz4-java");
    }
  }

  private ServiceProcess launch(Service service, String name, Map<String, String> settings)
      throws IOException {
    int port = Ports.free();
    Map<String, String> env = new HashMap<>();
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    env.put("RECON_DB_URL", database.url());
    env.put("RECON_DB_USER", database.user());
    env.put("RECON_DB_PASSWORD", database.password());
    env.put(service.portVariable(), Integer.toString(port));
    env.put("RECON_STATE_DIR", data.resolve("state").resolve(name).toString());
    if (service == Service.INGEST) {
      env.put("RECON_SPOOL_DIR", data.resolve("spool").resolve(name).toString());
      env.put("RECON_API_TOKEN", UUID.randomUUID().toString());
    }
    env.putAll(settings);
    ServiceProcess process =
        ServiceProcess.start(
            name,
            service,
            service.jar(StackOptions.repositoryRoot()),
            port,
            env,
            StackOptions.defaults(data).serviceJvmArgs(),
            log(name),
            System.out);
    started.add(process);
    return process;
  }

  private static void awaitHealthy(ServiceProcess process) {
    HttpClient http = HttpClient.newHttpClient();
    await(process.name() + " to report UP")
        .atMost(START)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(process.deathReport()).as(process.name() + " died").isNull();
              return process.isHealthy(http);
            });
  }

  private static Path log(String processName) {
    return data.resolve("logs").resolve(processName + ".log");
  }

  /**
   * Waits for the process to give up its start, failing if it reports UP instead, and for its log
   * to say each of {@code sayings}.
   */
  private static void assertRefusesToStart(ServiceProcess process, String... sayings) {
    HttpClient http = HttpClient.newHttpClient();
    await(process.name() + " to refuse to start")
        .atMost(START)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              assertThat(process.isHealthy(http))
                  .as(process.name() + " started, where it must refuse")
                  .isFalse();
              return !process.isAlive();
            });
    // The last lines may still be on their way from the process's pipe to its log.
    await(process.name() + "'s log to say why")
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(Files.readString(log(process.name()))).contains(sayings));
  }

  private static List<Integer> partitionCounts() throws Exception {
    return admin.describeTopics(PIPELINE_TOPICS).allTopicNames().get().values().stream()
        .map(TopicDescription::partitions)
        .map(List::size)
        .toList();
  }
}
