package dev.recon.merge.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.contracts.Category;
import dev.recon.contracts.Line;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.ResultEvent;
import dev.recon.contracts.ToleranceStatus;
import dev.recon.contracts.Topics;
import dev.recon.merge.InProcessKafka;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

/**
 * Two sink consumers of one group against a real broker and PostgreSQL: the first polls an order's
 * result and stays paused, inside its listener, past its poll interval (a long pause of its
 * process, a hung socket); the group gives its partition to the second, which writes the order's
 * newer result and commits. When the first resumes, its older result reaches PostgreSQL after the
 * newer one: it must change nothing.
 */
class SinkTakeoverTest {

  private static final String GROUP = "recon-sink-takeover";
  private static final int POLL_INTERVAL_MS = 3_000;
  private static final String ORDER = "171-5";

  @Test
  void aSinkPausedPastItsPollIntervalWritesNoOlderResultOverTheNewOwnersNewerOne(
      @TempDir Path kafkaLogs) throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.start();
        InProcessKafka kafka = InProcessKafka.start(kafkaLogs);
        Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()));
        KafkaProducer<String, ResultEvent> producer = producer(kafka)) {
      Flyway.configure()
          .dataSource(postgres.getPostgresDatabase())
          .schemas("results")
          .createSchemas(true)
          .load()
          .migrate();
      JdbcTemplate jdbc = new JdbcTemplate(postgres.getPostgresDatabase());
      PostgresSink sink =
          new PostgresSink(jdbc, new DataSourceTransactionManager(postgres.getPostgresDatabase()));
      admin
          .createTopics(List.of(new NewTopic(Topics.RESULTS.name(), 1, (short) 1)))
          .all()
          .get(30, TimeUnit.SECONDS);

      send(producer, paymentPending());
      CountDownLatch pausedWithTheOlderResult = new CountDownLatch(1);
      CountDownLatch resume = new CountDownLatch(1);
      CountDownLatch olderResultWritten = new CountDownLatch(1);
      KafkaMessageListenerContainer<String, byte[]> paused =
          container(
              kafka,
              "sink-paused",
              records -> {
                pausedWithTheOlderResult.countDown();
                awaitQuietly(resume);
                try {
                  sink.write(records);
                } finally {
                  olderResultWritten.countDown();
                }
              });
      KafkaMessageListenerContainer<String, byte[]> successor = null;
      try {
        paused.start();
        assertThat(pausedWithTheOlderResult.await(60, TimeUnit.SECONDS)).isTrue();
        send(producer, paid());

        successor = container(kafka, "sink-successor", sink::write);
        successor.start();
        await("the successor to write the newer result and commit past it")
            .atMost(Duration.ofMinutes(1))
            .until(() -> paymentLines(jdbc) == 1 && committed(admin) == 2);

        resume.countDown();
        assertThat(olderResultWritten.await(60, TimeUnit.SECONDS)).isTrue();

        assertThat(
                jdbc.queryForMap(
                    "select category, net_amount, mtr_lines, payment_lines from results.orders"
                        + " where order_id = ?",
                    ORDER))
            .containsEntry("category", Category.ORDER_AND_PAYMENT_RECEIVED.label())
            .containsEntry("net_amount", new BigDecimal("450.00"))
            .containsEntry("mtr_lines", 1)
            .containsEntry("payment_lines", 1);
      } finally {
        resume.countDown();
        paused.stop();
        if (successor != null) {
          successor.stop();
        }
      }
    }
  }

  private static KafkaMessageListenerContainer<String, byte[]> container(
      InProcessKafka kafka, String name, BatchMessageListener<String, byte[]> listener) {
    Map<String, Object> consumer =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
            kafka.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG,
            GROUP,
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
            "earliest",
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG,
            false,
            ConsumerConfig.ISOLATION_LEVEL_CONFIG,
            "read_committed",
            ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG,
            POLL_INTERVAL_MS);
    ContainerProperties properties = new ContainerProperties(Topics.RESULTS.name());
    properties.setAckMode(ContainerProperties.AckMode.BATCH);
    properties.setMessageListener(listener);
    KafkaMessageListenerContainer<String, byte[]> container =
        new KafkaMessageListenerContainer<>(
            new DefaultKafkaConsumerFactory<>(
                consumer, new StringDeserializer(), new ByteArrayDeserializer()),
            properties);
    container.setBeanName(name);
    return container;
  }

  private static KafkaProducer<String, ResultEvent> producer(InProcessKafka kafka) {
    return new KafkaProducer<>(
        Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
        new StringSerializer(),
        Topics.RESULTS.valueSerde().serializer());
  }

  private static void send(KafkaProducer<String, ResultEvent> producer, OrderResult result)
      throws Exception {
    producer
        .send(new ProducerRecord<>(Topics.RESULTS.name(), result.orderId(), result))
        .get(30, TimeUnit.SECONDS);
  }

  private static long committed(Admin admin) throws Exception {
    OffsetAndMetadata offset =
        admin
            .listConsumerGroupOffsets(GROUP)
            .partitionsToOffsetAndMetadata()
            .get(10, TimeUnit.SECONDS)
            .get(new TopicPartition(Topics.RESULTS.name(), 0));
    return offset == null ? -1 : offset.offset();
  }

  private static int paymentLines(JdbcTemplate jdbc) {
    List<Integer> lines =
        jdbc.queryForList(
            "select payment_lines from results.orders where order_id = ?", Integer.class, ORDER);
    return lines.isEmpty() ? -1 : lines.get(0);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(2, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The order after its MTR line: the older result. */
  private static OrderResult paymentPending() {
    return new OrderResult(
        ORDER,
        Category.PAYMENT_PENDING,
        ToleranceStatus.NOT_APPLICABLE,
        new BigDecimal("600.00"),
        null,
        null,
        null,
        null,
        1,
        0,
        null,
        0,
        null,
        List.of(line("m1", ReportKind.MTR, Line.SHIPMENT, "600.00")));
  }

  /** The order after its payment line too: the newer result. */
  private static OrderResult paid() {
    return new OrderResult(
        ORDER,
        Category.ORDER_AND_PAYMENT_RECEIVED,
        ToleranceStatus.WITHIN_TOLERANCE,
        new BigDecimal("600.00"),
        null,
        new BigDecimal("450.00"),
        new BigDecimal("75.0000000000"),
        new BigDecimal("43"),
        1,
        1,
        null,
        0,
        null,
        List.of(line("p1", ReportKind.PAYMENT, Line.PAYMENT, "450.00")));
  }

  private static Line line(String id, ReportKind kind, String type, String amount) {
    return new Line(
        id,
        kind,
        ORDER,
        type,
        kind == ReportKind.PAYMENT ? "Order" : null,
        new BigDecimal(amount),
        "2024-07-01T10:00:00",
        5,
        kind.id() + ".csv",
        2,
        Map.of(),
        null);
  }
}
