package dev.recon.stack.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * Samples every stage's Kafka position at a fixed interval while an upload goes through, and from
 * the samples tells when each stage was busy: from the first sample where it had moved to the first
 * where it had reached its final position.
 */
final class StageSampler implements AutoCloseable {
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  /** Positions of every stage, in {@link PipelineStage} order, at {@code nanos}. */
  record Sample(long nanos, long[] positions) {}

  /** When a stage was busy, in nanoseconds of {@link System#nanoTime()}; -1 when it never moved. */
  record Window(PipelineStage stage, long records, long startNanos, long endNanos) {
    boolean moved() {
      return startNanos >= 0;
    }
  }

  private final Admin admin;
  private final List<Sample> samples = new ArrayList<>();
  private final Map<String, List<TopicPartition>> partitions = new HashMap<>();

  StageSampler(String bootstrapServers) {
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "recon-bench-sampler");
    this.admin = Admin.create(config);
  }

  /** Takes one sample and keeps it. */
  void sample() throws InterruptedException {
    long[] positions = new long[PipelineStage.values().length];
    for (PipelineStage stage : PipelineStage.values()) {
      positions[stage.ordinal()] = position(stage);
    }
    synchronized (samples) {
      samples.add(new Sample(System.nanoTime(), positions));
    }
  }

  /** Each stage's busy window over the samples so far; positions only grow, so the top is final. */
  List<Window> windows() {
    List<Sample> taken;
    synchronized (samples) {
      taken = List.copyOf(samples);
    }
    List<Window> windows = new ArrayList<>();
    if (taken.isEmpty()) {
      return windows;
    }
    for (PipelineStage stage : PipelineStage.values()) {
      int s = stage.ordinal();
      long baseline = taken.get(0).positions()[s];
      long last = baseline;
      for (Sample sample : taken) {
        last = Math.max(last, sample.positions()[s]);
      }
      long start = -1;
      long end = -1;
      for (Sample sample : taken) {
        long position = sample.positions()[s];
        if (start < 0 && position > baseline) {
          start = sample.nanos();
        }
        if (position >= last) {
          end = sample.nanos();
          break;
        }
      }
      windows.add(new Window(stage, last - baseline, start, end));
    }
    return windows;
  }

  private long position(PipelineStage stage) throws InterruptedException {
    try {
      List<TopicPartition> all = new ArrayList<>();
      for (String topic : stage.topics()) {
        all.addAll(partitions(topic));
      }
      if (all.isEmpty()) {
        return 0;
      }
      long sum = 0;
      if (stage.group().isEmpty()) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        all.forEach(p -> latest.put(p, OffsetSpec.latest()));
        // uncommitted too: the gateway's rows arrive inside one long transaction
        Map<TopicPartition, ListOffsetsResultInfo> ends =
            admin
                .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
                .all()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        for (ListOffsetsResultInfo end : ends.values()) {
          sum += end.offset();
        }
        return sum;
      }
      Map<TopicPartition, OffsetAndMetadata> committed =
          admin
              .listConsumerGroupOffsets(stage.group().get())
              .partitionsToOffsetAndMetadata()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      for (TopicPartition partition : all) {
        OffsetAndMetadata offset = committed.get(partition);
        if (offset != null) {
          sum += offset.offset();
        }
      }
      return sum;
    } catch (ExecutionException | TimeoutException e) {
      // a topic or group that does not exist yet has not moved; a slow answer is tried again
      return 0;
    }
  }

  private List<TopicPartition> partitions(String topic)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<TopicPartition> known = partitions.get(topic);
    if (known != null) {
      return known;
    }
    TopicDescription description =
        admin
            .describeTopics(List.of(topic))
            .allTopicNames()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .get(topic);
    List<TopicPartition> found =
        description.partitions().stream()
            .map(p -> new TopicPartition(topic, p.partition()))
            .toList();
    partitions.put(topic, found);
    return found;
  }

  @Override
  public void close() {
    admin.close(CALL_TIMEOUT);
  }
}
