package dev.recon.contracts;

import dev.recon.contracts.control.ControlCommand;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every topic of the pipeline. Records are keyed by order id from the gateway to the sink (a
 * non-order charge by a key of its own line), and every topic has the same partition count, so a
 * row and everything derived from it stay on the same partition number end to end: that is what
 * lets an {@link UploadMarker} follow an upload's rows through each stage.
 */
public final class Topics {

  private static final Serde<String> KEY = Serdes.String();

  /** Rows of uploaded MTR files, as read. Kept forever: replays rebuild every result from here. */
  public static final Topic<String, RawEvent> RAW_MTR =
      new Topic<>("recon.raw.mtr", KEY, new EventSerde<>(RawEvent.class));

  /** Rows of uploaded payment reports, as read. Kept forever like {@link #RAW_MTR}. */
  public static final Topic<String, RawEvent> RAW_PAYMENT =
      new Topic<>("recon.raw.payment", KEY, new EventSerde<>(RawEvent.class));

  /** Normalised MTR lines (Cancel dropped). */
  public static final Topic<String, LineEvent> LINES_MTR =
      new Topic<>("recon.lines.mtr", KEY, new EventSerde<>(LineEvent.class));

  /** Normalised payment lines (Transfer dropped), non-order charges included. */
  public static final Topic<String, LineEvent> LINES_PAYMENT =
      new Topic<>("recon.lines.payment", KEY, new EventSerde<>(LineEvent.class));

  /** Dead letters: rows that break a rule, with file, row number and reason. */
  public static final Topic<String, RejectedEvent> REJECTED =
      new Topic<>("recon.rejected", KEY, new JsonSerde<>(RejectedEvent.class));

  /**
   * Order results, each with the line it adds, and non-order charges. Not compacted: the sink keeps
   * the lines of every result of an order, so none may be dropped before the sink has read it.
   */
  public static final Topic<String, ResultEvent> RESULTS =
      new Topic<>("recon.results", KEY, new EventSerde<>(ResultEvent.class));

  /** Commands from the gateway to every Streams instance (replays); one partition keeps order. */
  public static final Topic<String, ControlCommand> CONTROL =
      new Topic<>("recon.control", KEY, new JsonSerde<>(ControlCommand.class));

  public static final List<Topic<String, ?>> ALL =
      List.of(RAW_MTR, RAW_PAYMENT, LINES_MTR, LINES_PAYMENT, REJECTED, RESULTS, CONTROL);

  /** Derived topics are rebuilt by a replay, so a week covers any stage being down. */
  private static final long DERIVED_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;

  private Topics() {}

  public static Topic<String, RawEvent> raw(ReportKind kind) {
    return kind == ReportKind.MTR ? RAW_MTR : RAW_PAYMENT;
  }

  public static Topic<String, LineEvent> lines(ReportKind kind) {
    return kind == ReportKind.MTR ? LINES_MTR : LINES_PAYMENT;
  }

  /**
   * Every topic with explicit settings, so that no broker default decides how long money data is
   * kept. Raw topics are kept forever because a replay rebuilds every result from them.
   */
  public static List<NewTopic> declare(int partitions, short replicationFactor) {
    return ALL.stream()
        .map(
            topic ->
                new NewTopic(topic.name(), topic == CONTROL ? 1 : partitions, replicationFactor)
                    .configs(settings(topic, replicationFactor)))
        .toList();
  }

  /**
   * Refuses a partition count other than the existing topics': the partition of an order id depends
   * on the count, so topics declared with more partitions would silently gain them (Kafka only
   * adds) and send live order ids to partitions whose stores know nothing of them. Topics that do
   * not exist yet are created later with {@code partitions}.
   *
   * @throws IllegalStateException saying what to do, when a topic has another count
   */
  public static void requirePartitionCount(Admin admin, int partitions)
      throws InterruptedException {
    Map<String, Integer> differing = new TreeMap<>();
    Map<String, KafkaFuture<TopicDescription>> descriptions =
        admin
            .describeTopics(
                ALL.stream().filter(topic -> topic != CONTROL).map(Topic::name).toList())
            .topicNameValues();
    for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : descriptions.entrySet()) {
      try {
        int existing = topic.getValue().get().partitions().size();
        if (existing != partitions) {
          differing.put(topic.getKey(), existing);
        }
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw new IllegalStateException(
              "cannot check the partition count of "
                  + topic.getKey()
                  + " before declaring it: "
                  + e.getCause().getMessage(),
              e.getCause());
        }
      }
    }
    if (!differing.isEmpty()) {
      int existing = differing.values().iterator().next();
      throw new IllegalStateException(
          "RECON_PARTITIONS is "
              + partitions
              + ", but the pipeline's topics exist with another partition count "
              + differing
              + ". The partition of an order id depends on the count, so it cannot change in"
              + " place: added partitions would send live orders to empty stores. Start every"
              + " service with RECON_PARTITIONS="
              + existing
              + " again. To move to "
              + partitions
              + " partitions, start over on new topics: stop every service, give them a new Kafka"
              + " cluster (or delete every recon.* topic) and an empty database, start them with"
              + " RECON_PARTITIONS="
              + partitions
              + " and upload every report again (a replay cannot re-partition: it reads the raw"
              + " topics as they are). See README, Scaling: Partition count.");
    }
  }

  private static Map<String, String> settings(Topic<String, ?> topic, short replicationFactor) {
    String minInSync = String.valueOf(Math.min(2, (int) replicationFactor));
    boolean raw = topic == RAW_MTR || topic == RAW_PAYMENT;
    return Map.of(
        TopicConfig.CLEANUP_POLICY_CONFIG,
        TopicConfig.CLEANUP_POLICY_DELETE,
        TopicConfig.RETENTION_MS_CONFIG,
        raw ? "-1" : String.valueOf(DERIVED_RETENTION_MS),
        TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
        minInSync);
  }

  /** The key of a row: its order id, or for a row without one a key of its own line. */
  public static String rowKey(String orderId, String lineId) {
    return orderId == null || orderId.isBlank() ? "~" + lineId : orderId.strip();
  }
}
