package dev.recon.merge;

import dev.recon.contracts.JsonSerde;
import dev.recon.contracts.Line;
import dev.recon.contracts.LineEvent;
import dev.recon.contracts.MarkerPartitioner;
import dev.recon.contracts.NonOrderCharge;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.Topic;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import dev.recon.merge.order.OrderRules;
import dev.recon.merge.order.ToleranceBands;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Aggregator;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KGroupedStream;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The whole stream graph of the merge service:
 *
 * <pre>
 * recon.lines.mtr ─────┬─ order line ─┐
 *                      │              ├─ cogroup by order id ─► order-lines store (dedup by
 * recon.lines.payment ─┼─ order line ─┘   line identity) ─► SPEC §5 rules ─► recon.results
 *                      ├─ non-order charge ───────────────────────────────► recon.results
 *                      └─ upload marker (both topics) ────────────────────► recon.results,
 *                                                                           same partition
 * </pre>
 *
 * The store's record cache must stay off (see MergeApplication): a cached update would leave the
 * task after the marker that follows it, and the sink would call the upload done too early.
 */
public final class MergeTopology {

  public static final String ORDER_LINES_STORE = "order-lines";

  private static final Serde<Line> LINE_SERDE = new JsonSerde<>(Line.class);

  private MergeTopology() {}

  public static Topology build(ToleranceBands bands) {
    StreamsBuilder builder = new StreamsBuilder();
    define(builder, bands);
    return builder.build();
  }

  public static void define(StreamsBuilder builder, ToleranceBands bands) {
    Topic<String, ResultEvent> results = Topics.RESULTS;
    Produced<String, ResultEvent> toResults =
        Produced.with(results.keySerde(), results.valueSerde(), new MarkerPartitioner<>());

    KStream<String, LineEvent> mtr = stream(builder, Topics.LINES_MTR);
    KStream<String, LineEvent> payment = stream(builder, Topics.LINES_PAYMENT);
    KStream<String, LineEvent> all = mtr.merge(payment, Named.as("all-lines"));

    all.filter((key, event) -> event instanceof UploadMarker, Named.as("markers"))
        .mapValues(event -> (ResultEvent) event)
        .to(results.name(), toResults);

    all.filter(
            (key, event) -> event instanceof Line line && line.isNonOrderCharge(),
            Named.as("non-order-charges"))
        .mapValues(event -> (ResultEvent) new NonOrderCharge((Line) event))
        .to(results.name(), toResults);

    Aggregator<String, Line, OrderLines> addLine = (orderId, line, lines) -> lines.with(line);
    orderLines(mtr)
        .cogroup(addLine)
        .cogroup(orderLines(payment), addLine)
        .aggregate(
            OrderLines::empty,
            Named.as("merge-order-lines"),
            Materialized.<String, OrderLines, KeyValueStore<Bytes, byte[]>>as(ORDER_LINES_STORE)
                .withKeySerde(Serdes.String())
                .withValueSerde(new JsonSerde<>(OrderLines.class)))
        .toStream(Named.as("order-updates"))
        .mapValues(
            (orderId, lines) ->
                (ResultEvent) OrderRules.evaluate(orderId, lines.mtr(), lines.payment(), bands))
        .to(results.name(), toResults);
  }

  private static KStream<String, LineEvent> stream(
      StreamsBuilder builder, Topic<String, LineEvent> topic) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
  }

  private static KGroupedStream<String, Line> orderLines(KStream<String, LineEvent> lines) {
    return lines
        .filter((key, event) -> event instanceof Line line && !line.isNonOrderCharge())
        .mapValues(event -> (Line) event)
        .groupByKey(Grouped.with(Serdes.String(), LINE_SERDE));
  }
}
