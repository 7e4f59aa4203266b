package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * What the fault tests watch on a running stack: how far each stage has read (its consumer group's
 * committed offsets against the committed end of the topics it reads), the uploads' states through
 * the gateway (tolerating a gateway or database that is down for a while), and the services' logs.
 */
final class PipelineWatch implements AutoCloseable {

  /** The consumer groups of the pipeline and the topics each reads. */
  enum Stage {
    TRANSFORM("recon-transform", "recon.raw.mtr", "recon.raw.payment"),
    MERGE("recon-merge", "recon.lines.mtr", "recon.lines.payment"),
    SINK("recon-sink", "recon.results", "recon.rejected");

    final String group;
    private final String firstTopic;
    private final String secondTopic;

    Stage(String group, String firstTopic, String secondTopic) {
      this.group = group;
      this.firstTopic = firstTopic;
      this.secondTopic = secondTopic;
    }

    List<String> topics() {
      return List.of(firstTopic, secondTopic);
    }
  }

  /** A stage's committed offsets and the committed end of its input, summed over partitions. */
  record Position(Stage stage, long committed, long end) {
    /** At least {@code offsets} are done, and not everything there is. */
    boolean pastButNotDone(long offsets) {
      return committed >= offsets && committed < end;
    }

    @Override
    public String toString() {
      return String.format(
          "%s at %d of %d offsets (%.0f%%)",
          stage.group, committed, end, end == 0 ? 0.0 : 100.0 * committed / end);
    }
  }

  private static final Duration POLL = Duration.ofMillis(500);

  private final Stack stack;
  private final UploadClient client;
  private final Admin admin;

  PipelineWatch(Stack stack) {
    this.stack = stack;
    this.client = new UploadClient(stack);
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
    this.admin = Admin.create(config);
  }

  @Override
  public void close() {
    admin.close(Duration.ofSeconds(5));
  }

  /** Uploads each file in its own request; answers the upload ids in the order of {@code files}. */
  List<String> upload(List<Path> files) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (Path file : files) {
      UploadAnswer answer = client.upload(file);
      assertThat(answer.accepted())
          .as("%s: upload answered %s %s", file.getFileName(), answer.httpStatus(), answer)
          .isTrue();
      assertThat(answer.uploads()).as("%s: uploads in the answer", file.getFileName()).hasSize(1);
      ids.add(answer.uploads().get(0).id());
    }
    return ids;
  }

  /** The uploads' states now. */
  List<UploadState> states(List<String> ids) throws IOException, InterruptedException {
    List<UploadState> states = new ArrayList<>();
    for (String id : ids) {
      states.add(client.gateway().upload(id));
    }
    return states;
  }

  /**
   * Polls every {@code poll} until {@code stage} has committed at least {@code offsets} offsets but
   * not all of its input, and answers its position then. Fails if the stage got through everything
   * unseen.
   */
  Position awaitPartWay(Stage stage, long offsets, Duration timeout, Duration poll) {
    AtomicReference<Position> last = new AtomicReference<>();
    await(stage.group + " to be past " + offsets + " offsets but not through its input")
        .atMost(timeout)
        .pollDelay(Duration.ZERO)
        .pollInterval(poll)
        .until(
            () -> {
              stack.checkAlive();
              Position position = position(stage);
              last.set(position);
              return position.pastButNotDone(offsets);
            });
    return last.get();
  }

  /** Where {@code stage}'s group has committed, against the committed end of its input. */
  Position position(Stage stage) throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, TopicDescription> topics =
        admin.describeTopics(stage.topics()).allTopicNames().get(10, TimeUnit.SECONDS);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    topics
        .values()
        .forEach(
            topic ->
                topic
                    .partitions()
                    .forEach(
                        p ->
                            latest.put(
                                new TopicPartition(topic.name(), p.partition()),
                                OffsetSpec.latest())));
    long end = 0;
    for (var info :
        admin
            .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
            .all()
            .get(10, TimeUnit.SECONDS)
            .values()) {
      end += info.offset();
    }
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin
            .listConsumerGroupOffsets(stage.group)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS);
    long done = 0;
    for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
      if (latest.containsKey(entry.getKey()) && entry.getValue() != null) {
        done += entry.getValue().offset();
      }
    }
    return new Position(stage, done, end);
  }

  /**
   * The Kafka transactions now open whose transactional id starts with {@code prefix}, each as
   * {@code id (started at ...)}, with their start time.
   */
  Map<String, Instant> openTransactions(String prefix)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<String> ids =
        admin
            .listTransactions(
                new ListTransactionsOptions().filterStates(List.of(TransactionState.ONGOING)))
            .all()
            .get(10, TimeUnit.SECONDS)
            .stream()
            .map(TransactionListing::transactionalId)
            .filter(id -> id.startsWith(prefix))
            .toList();
    Map<String, Instant> open = new TreeMap<>();
    if (ids.isEmpty()) {
      return open;
    }
    admin
        .describeTransactions(ids)
        .all()
        .get(10, TimeUnit.SECONDS)
        .forEach(
            (id, description) -> {
              if (description.state() == TransactionState.ONGOING) {
                open.put(
                    id,
                    Instant.ofEpochMilli(
                        description.transactionStartTimeMs().orElse(Long.MIN_VALUE)));
              }
            });
    return open;
  }

  /**
   * Waits until {@code group} has exactly {@code members} members and each owns partitions: the
   * rebalance after an instance joined or left is over.
   */
  void awaitMembers(String group, int members, Duration timeout) {
    await(group + " to have " + members + " member(s), each owning partitions")
        .atMost(timeout)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .untilAsserted(
            () -> {
              stack.checkAlive();
              ConsumerGroupDescription description =
                  admin
                      .describeConsumerGroups(List.of(group))
                      .describedGroups()
                      .get(group)
                      .get(10, TimeUnit.SECONDS);
              List<MemberDescription> current = List.copyOf(description.members());
              assertThat(current).as(group + " members").hasSize(members);
              assertThat(current)
                  .as(group + ": every instance got partitions")
                  .allSatisfy(
                      member -> assertThat(member.assignment().topicPartitions()).isNotEmpty());
            });
  }

  /**
   * Polls the uploads until each is RECONCILED, REJECTED or FAILED and answers their last states. A
   * gateway that does not answer for a while (restarting, or its database down) is waited for; a
   * service process that dies fails the wait at once.
   */
  List<UploadState> awaitFinal(List<String> ids, Duration timeout) {
    AtomicReference<List<UploadState>> last = new AtomicReference<>();
    await("uploads " + ids + " to be reconciled, rejected or failed")
        .atMost(timeout)
        .pollInterval(POLL)
        .until(
            () -> {
              stack.checkAlive();
              try {
                List<UploadState> states = states(ids);
                last.set(states);
                return states.stream().allMatch(UploadState::isFinal);
              } catch (IOException e) {
                return false;
              }
            });
    return last.get();
  }

  /**
   * Waits until the gateway has begun or ended publishing an upload: it left RECEIVED, so its Kafka
   * transaction is open or over.
   */
  void awaitPastReceived(String id, String what, Duration timeout, Duration pollInterval) {
    await(what + " to be published")
        .atMost(timeout)
        .pollInterval(pollInterval)
        .until(() -> !"RECEIVED".equals(states(List.of(id)).get(0).status()));
  }

  /** Requires every upload to end RECONCILED within {@code timeout}. */
  void awaitReconciled(List<String> ids, Duration timeout) {
    for (UploadState state : awaitFinal(ids, timeout)) {
      assertThat(state.status())
          .as("upload %s (%s): %s", state.id(), state.fileName(), state)
          .isEqualTo(UploadState.RECONCILED);
    }
  }

  /** The export, summary and each upload's rejected rows, as {@link DatasetIT} compares them. */
  Results results(List<String> ids) throws IOException, InterruptedException {
    List<String> rejected = new ArrayList<>();
    for (String id : ids) {
      rejected.add(client.gateway().rejectedCsv(id));
    }
    return new Results(
        client.gateway().ordersCsv(),
        client.gateway().summary(),
        client.gateway().money(),
        rejected);
  }

  /** A service's log file (each start appends to it). */
  Path log(String serviceOrInstance) {
    return stack.options().dataDir().resolve("logs").resolve(serviceOrInstance + ".log");
  }

  /** The log's length now, to read only what is written after. */
  long logLength(String serviceOrInstance) {
    try {
      Path log = log(serviceOrInstance);
      return Files.exists(log) ? Files.size(log) : 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of the log written after {@code from} that contain {@code text}. */
  List<String> logLinesSince(String serviceOrInstance, long from, String text) {
    try {
      byte[] bytes = Files.readAllBytes(log(serviceOrInstance));
      String after =
          new String(
              bytes,
              (int) Math.min(from, bytes.length),
              (int) Math.max(0, bytes.length - from),
              StandardCharsets.UTF_8);
      return after.lines().filter(line -> line.contains(text)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String seconds(Instant from, Instant to) {
    return String.format("%.1f s", Duration.between(from, to).toMillis() / 1000.0);
  }
}
