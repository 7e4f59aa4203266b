package dev.recon.transform;

import dev.recon.contracts.LineEvent;
import dev.recon.contracts.MarkerPartitioner;
import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.RejectedEvent;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.Topic;
import dev.recon.contracts.Topics;
import dev.recon.contracts.UploadMarker;
import dev.recon.transform.normalise.LineNormaliser;
import dev.recon.transform.normalise.Outcome;
import java.util.function.Consumer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The whole stream graph of the transform service. For each kind:
 *
 * <pre>
 * recon.raw.{kind} ─ not retracted ─┬─ row ──► normalise ─┬─ kept ─────► recon.lines.{kind}
 *                                   │                     ├─ rejected ─► recon.rejected
 *                                   │                     └─ dropped (Cancel, Transfer): counted
 *                                   └─ upload marker ───────────────────► recon.lines.{kind}
 *                                                                          + recon.rejected,
 *                                                                          same partition
 * </pre>
 *
 * The rows of a retracted upload, and its markers, go nowhere (SPEC §8.3).
 */
public final class TransformTopology {

  private TransformTopology() {}

  public static Topology build(
      LineNormaliser normaliser, RetractedUploads retracted, Consumer<String> droppedCounter) {
    StreamsBuilder builder = new StreamsBuilder();
    define(builder, normaliser, retracted, droppedCounter);
    return builder.build();
  }

  public static void define(
      StreamsBuilder builder,
      LineNormaliser normaliser,
      RetractedUploads retracted,
      Consumer<String> droppedCounter) {
    for (ReportKind kind : ReportKind.values()) {
      Topic<String, RawEvent> raw = Topics.raw(kind);
      Topic<String, LineEvent> lines = Topics.lines(kind);
      Topic<String, RejectedEvent> rejected = Topics.REJECTED;
      Produced<String, LineEvent> toLines =
          Produced.with(lines.keySerde(), lines.valueSerde(), new MarkerPartitioner<>());
      Produced<String, RejectedEvent> toRejected =
          Produced.with(rejected.keySerde(), rejected.valueSerde(), new MarkerPartitioner<>());

      KStream<String, RawEvent> events =
          builder.stream(raw.name(), Consumed.with(raw.keySerde(), raw.valueSerde()))
              .filterNot(
                  (key, event) -> retracted.skips(event), Named.as(kind.id() + "-not-retracted"));

      KStream<String, UploadMarker> markers =
          events
              .filter(
                  (key, event) -> event instanceof UploadMarker, Named.as(kind.id() + "-markers"))
              .mapValues(event -> (UploadMarker) event);
      markers.mapValues(marker -> (LineEvent) marker).to(lines.name(), toLines);
      markers.mapValues(marker -> (RejectedEvent) marker).to(rejected.name(), toRejected);

      KStream<String, Outcome> outcomes =
          events
              .filter((key, event) -> event instanceof RawRow, Named.as(kind.id() + "-rows"))
              .mapValues(event -> normaliser.normalise((RawRow) event));
      outcomes
          .filter((key, outcome) -> outcome instanceof Outcome.Kept)
          .mapValues(outcome -> (LineEvent) ((Outcome.Kept) outcome).line())
          .to(lines.name(), toLines);
      outcomes
          .filter((key, outcome) -> outcome instanceof Outcome.Rejected)
          .mapValues(outcome -> (RejectedEvent) ((Outcome.Rejected) outcome).row())
          .to(rejected.name(), toRejected);
      outcomes
          .filter((key, outcome) -> outcome instanceof Outcome.Dropped)
          .foreach((key, outcome) -> droppedCounter.accept(((Outcome.Dropped) outcome).type()));
    }
  }
}
