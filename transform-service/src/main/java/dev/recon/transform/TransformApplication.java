package dev.recon.transform;

import dev.recon.contracts.NativeLz4;
import dev.recon.contracts.Topics;
import dev.recon.transform.normalise.LineNormaliser;
import io.micrometer.core.instrument.MeterRegistry;
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

/** Wiring only: the stream graph is {@link TransformTopology}. */
@SpringBootApplication
@EnableKafkaStreams
@EnableConfigurationProperties(TransformApplication.PipelineProperties.class)
public class TransformApplication {

  public static void main(String[] args) {
    NativeLz4.load();
    SpringApplication.run(TransformApplication.class, args);
  }

  /**
   * @param partitions partitions of every pipeline topic (the unit of parallelism)
   * @param replicationFactor replicas of every pipeline topic
   */
  @ConfigurationProperties("recon.topics")
  public record PipelineProperties(
      @DefaultValue("6") int partitions, @DefaultValue("1") short replicationFactor) {}

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
              LoggerFactory.getLogger(TransformApplication.class)
                  .error("a stream thread died; it is replaced", exception);
              return StreamThreadExceptionResponse.REPLACE_THREAD;
            });
  }

  /** Static: {@link #defineTopology} of this class consumes it. */
  @Bean
  static RetractedUploads retractedUploads() {
    return new RetractedUploads();
  }

  @Autowired
  void defineTopology(StreamsBuilder builder, MeterRegistry meters, RetractedUploads retracted) {
    TransformTopology.define(
        builder,
        new LineNormaliser(),
        retracted,
        type -> meters.counter("recon.rows.dropped", "type", type).increment());
  }
}
