package dev.recon.merge;

import dev.recon.contracts.NativeLz4;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.annotation.EnableKafkaStreams;
import org.springframework.kafka.config.StreamsBuilderFactoryBeanConfigurer;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/** Wiring only: the stream graph is {@link MergeTopology}, the sink {@code sink.PostgresSink}. */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties({
  MergeApplication.PipelineProperties.class,
  MergeApplication.ToleranceProperties.class,
  MergeApplication.SinkProperties.class
})
public class MergeApplication {

  public static void main(String[] args) {
    NativeLz4.load();
    SpringApplication.run(MergeApplication.class, args);
  }

  /**
   * @param partitions partitions of every pipeline topic (the unit of parallelism)
   * @param replicationFactor replicas of every pipeline topic
   */
  @ConfigurationProperties("recon.topics")
  public record PipelineProperties(
      @DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {}

  /**
   * @param bands {@code RECON_TOLERANCE_BANDS}, read by {@link ToleranceBands#parse}
   */
  @ConfigurationProperties("recon.tolerance")
  public record ToleranceProperties(@DefaultValue(ToleranceBands.DEFAULT) String bands) {}

  /**
   * How the sink waits for PostgreSQL when a write fails: it retries the same batch for ever,
   * backing off from the first to the longest interval, so nothing is skipped. A record the
   * database refuses for its values never fails the batch (see {@code sink.PostgresSink}).
   */
  @ConfigurationProperties("recon.sink.retry")
  public record SinkProperties(
      @DefaultValue("200ms") java.time.Duration firstInterval,
      @DefaultValue("10s") java.time.Duration longestInterval) {}

  /** Checked before KafkaAdmin declares them, which would add partitions to existing topics. */
  @Bean
  KafkaAdmin.NewTopics pipelineTopics(KafkaAdmin kafkaAdmin, PipelineProperties properties)
      throws InterruptedException {
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      Topics.requirePartitionCount(admin, properties.partitions());
    }
    return new KafkaAdmin.NewTopics(
        Topics.declare(properties.partitions(), properties.replicationFactor())
            .toArray(NewTopic[]::new));
  }

  @Bean
  DefaultErrorHandler sinkErrorHandler(SinkProperties properties) {
    ExponentialBackOff backOff = new ExponentialBackOff(properties.firstInterval().toMillis(), 2);
    backOff.setMaxInterval(properties.longestInterval().toMillis());
    backOff.setMaxElapsedTime(Long.MAX_VALUE);
    return new DefaultErrorHandler(backOff);
  }

  /**
   * {@link ReplayControl} starts the graph; leaving the group on close hands partitions to the
   * other instances at once and lets a replay reset the group without waiting a session timeout.
   * Static: this class also consumes the builder, so an instance method would be a cycle.
   */
  @Bean
  static StreamsBuilderFactoryBeanConfigurer startedByReplayControl() {
    return streams -> {
      streams.setAutoStartup(false);
      streams.setLeaveGroupOnClose(true);
    };
  }

  /**
   * A stream thread that dies (seen: a transaction commit refused while a broker of the cluster was
   * down) is replaced, rather than the default of shutting the whole client down, which left the
   * process up with nothing consuming. Exactly-once makes this safe: the dead thread's open
   * transaction is aborted, and its tasks start again from their last committed offsets.
   */
  @Bean
  static StreamsBuilderFactoryBeanConfigurer threadsReplacedOnError() {
    return streams ->
        streams.setStreamsUncaughtExceptionHandler(
            exception -> {
              LoggerFactory.getLogger(MergeApplication.class)
                  .error("a stream thread died; it is replaced", exception);
              return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
  }

  /**
   * A malformed table stops the start, naming the band that is wrong. Static, as the graph's
   * definition below needs it while this class is being made.
   */
  @Bean
  static ToleranceBands toleranceBands(ToleranceProperties tolerance) {
    return ToleranceBands.parse(tolerance.bands());
  }

  @Autowired
  void defineTopology(StreamsBuilder builder, ToleranceBands toleranceBands) {
    MergeTopology.define(builder, toleranceBands);
  }
}
