package dev.recon.ingest;

import dev.recon.contracts.NativeLz4;
import dev.recon.contracts.RawEvent;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.Topics;
import dev.recon.ingest.eventlog.EventLogProperties;
import dev.recon.ingest.parse.ParseLimits;
import dev.recon.ingest.parse.ReportReader;
import dev.recon.ingest.replay.ReplayProperties;
import dev.recon.ingest.results.MoneyProperties;
import dev.recon.ingest.upload.PublishingProperties;
import dev.recon.ingest.web.ToleranceProperties;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wiring only: uploads are in {@code upload}, results in {@code results}. */
@SpringBootApplication
@EnableScheduling
@EnableConfigurationProperties({
  IngestProperties.class,
  PublishingProperties.class,
  EventLogProperties.class,
  ReplayProperties.class,
  ToleranceProperties.class,
  MoneyProperties.class
})
public class IngestApplication {

  public static void main(String[] args) {
    NativeLz4.load();
    SpringApplication.run(IngestApplication.class, args);
  }

  /** Checked before KafkaAdmin declares them, which would add partitions to existing topics. */
  @Bean
  KafkaAdmin.NewTopics pipelineTopics(KafkaAdmin kafkaAdmin, IngestProperties properties)
      throws InterruptedException {
    try (Admin admin = Admin.create(kafkaAdmin.getConfigurationProperties())) {
      Topics.requirePartitionCount(admin, properties.partitions());
    }
    return new KafkaAdmin.NewTopics(
        Topics.declare(properties.partitions(), properties.replicationFactor())
            .toArray(NewTopic[]::new));
  }

  /**
   * Parsed as the merge service parses it, so that a malformed table stops both, for the same
   * reason, rather than the dashboard showing no bands while the merge service refuses to start.
   */
  @Bean
  ToleranceBands toleranceBands(ToleranceProperties tolerance) {
    return ToleranceBands.parse(tolerance.bands());
  }

  @Bean
  GatewayInstance gatewayInstance(IngestProperties properties) throws IOException {
    return GatewayInstance.of(properties);
  }

  @Bean(destroyMethod = "close")
  Admin kafkaAdminClient(KafkaAdmin kafkaAdmin) {
    return Admin.create(kafkaAdmin.getConfigurationProperties());
  }

  /** Publishes each upload in its own transaction: a refused file publishes nothing. */
  @Bean
  KafkaTemplate<String, RawEvent> rawRowsTemplate(KafkaProperties kafka, GatewayInstance instance) {
    Map<String, Object> config = kafka.buildProducerProperties();
    DefaultKafkaProducerFactory<String, RawEvent> factory =
        new DefaultKafkaProducerFactory<>(
            config, new StringSerializer(), Topics.RAW_MTR.valueSerde().serializer());
    // Not spring.kafka.producer.transaction-id-prefix: that would also make Boot configure a
    // Kafka transaction manager, which @Transactional JDBC code would then start Kafka
    // transactions with, fencing this factory's producers.
    factory.setTransactionIdPrefix(instance.transactionIdPrefix());
    KafkaTemplate<String, RawEvent> template = new KafkaTemplate<>(factory);
    // A refused file aborts its transaction on purpose, failing every pending send: the upload's
    // error says so once, where a line per aborted record at ERROR would only mislead.
    template.setProducerListener(new ProducerListener<>() {});
    return template;
  }

  @Bean
  ReportReader reportReader() {
    return new ReportReader(ParseLimits.defaults());
  }

  /** Publishes uploads small enough for one transaction, and starts the others. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService uploadWorkers(IngestProperties properties) {
    return workers(properties.workers(), "upload-worker-");
  }

  /** Publishes uploads too large for one transaction, which wait for the pipeline as they go. */
  @Bean(destroyMethod = "shutdownNow")
  ExecutorService largeUploadWorkers(IngestProperties properties) {
    return workers(properties.workers(), "large-upload-worker-");
  }

  private static ExecutorService workers(int count, String namePrefix) {
    AtomicInteger started = new AtomicInteger();
    return Executors.newFixedThreadPool(
        count,
        task -> {
          Thread thread = new Thread(task, namePrefix + started.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        });
  }

  @Bean
  WebMvcConfigurer corsOrigins(IngestProperties properties) {
    return new WebMvcConfigurer() {
      @Override
      public void addCorsMappings(CorsRegistry registry) {
        String[] origins = properties.corsOrigins().toArray(String[]::new);
        registry.addMapping("/api/**").allowedOrigins(origins);
        registry.addMapping("/process-files").allowedOrigins(origins);
        registry.addMapping("/logs").allowedOrigins(origins);
      }
    };
  }
}
