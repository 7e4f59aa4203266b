package dev.recon.contracts;

import dev.recon.contracts.control.ControlCommand;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
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
