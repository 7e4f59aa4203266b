package dev.recon.stack.bench;

import java.util.List;
import java.util.Optional;

/**
 * A stage of the pipeline as Kafka sees it: how far it has got is the end offset of the raw topics
 * (for the gateway, which writes them) or the committed offsets of the stage's consumer group on
 * its input topics. Names as in the contracts module's {@code Topics} and the services'
 * application.yml defaults; the stack module does not depend on those modules.
 */
enum PipelineStage {
  PARSE_PUBLISH("parse+publish", Optional.empty(), List.of("recon.raw.mtr", "recon.raw.payment")),
  TRANSFORM(
      "transform", Optional.of("recon-transform"), List.of("recon.raw.mtr", "recon.raw.payment")),
  MERGE("merge", Optional.of("recon-merge"), List.of("recon.lines.mtr", "recon.lines.payment")),
  SINK("sink", Optional.of("recon-sink"), List.of("recon.results", "recon.rejected"));

  private final String label;
  private final Optional<String> group;
  private final List<String> topics;

  PipelineStage(String label, Optional<String> group, List<String> topics) {
    this.label = label;
    this.group = group;
    this.topics = topics;
  }

  String label() {
    return label;
  }

  /** The consumer group whose committed offsets are the stage's progress; none for the gateway. */
  Optional<String> group() {
    return group;
  }

  List<String> topics() {
    return topics;
  }
}
