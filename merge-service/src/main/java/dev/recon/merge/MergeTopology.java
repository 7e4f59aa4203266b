package dev.recon.merge;

import dev.recon.contracts.Line;
import dev.recon.contracts.LineEvent;
import dev.recon.contracts.MarkerPartitioner;
import dev.recon.contracts.NonOrderCharge;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.Topic;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The whole stream graph of the merge service:
 *
 * <pre>
 * recon.lines.mtr ─────┬─ order line ─┐
 *                      │              ├─ OrderLineMerger: line-ids store (dedup by line identity)
 * recon.lines.payment ─┼─ order line ─┘   → order-totals store ─► SPEC §5 rules ─► recon.results
 *                      ├─ non-order charge ──────────────────────────► recon.results
 *                      └─ upload marker (both topics) ───────────────► recon.results,
 *                                                                      same partition
 * </pre>
 *
 * Both input topics are keyed by order id and have the same partitions, so one task sees every line
 * of its orders. The store has no record cache: a cached update would leave the task after the
 * marker that follows it, and the sink would call the upload done too early. A retracted upload's
 * lines never reach the merge (the transform skips them), so totals only ever grow.
 */
public final class MergeTopology {

  public static final String ORDER_TOTALS_STORE = "order-totals";
  public static final String LINE_IDS_STORE = "line-ids";

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
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(ORDER_TOTALS_STORE),
            Serdes.String(),
            new OrderTotalsSerde()));
    builder.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(LINE_IDS_STORE), Serdes.String(), Serdes.ByteArray()));

    KStream<String, LineEvent> all =
        stream(builder, Topics.LINES_MTR)
            .merge(stream(builder, Topics.LINES_PAYMENT), Named.as("all-lines"));

    all.filter((key, event) -> event instanceof UploadMarker, Named.as("markers"))
        .mapValues(event -> (ResultEvent) event)
        .to(results.name(), toResults);

    all.filter(
            (key, event) -> event instanceof Line line && line.isNonOrderCharge(),
            Named.as("non-order-charges"))
        .mapValues(event -> (ResultEvent) new NonOrderCharge((Line) event))
        .to(results.name(), toResults);

    all.filter(
            (key, event) -> event instanceof Line line && !line.isNonOrderCharge(),
            Named.as("lines-of-orders"))
        .mapValues(event -> (Line) event)
        .processValues(
            () -> new OrderLineMerger(bands),
            Named.as("merge-order-lines"),
            ORDER_TOTALS_STORE,
            LINE_IDS_STORE)
        .to(results.name(), toResults);
  }

  private static KStream<String, LineEvent> stream(
      StreamsBuilder builder, Topic<String, LineEvent> topic) {
    return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde()));
  }
}
