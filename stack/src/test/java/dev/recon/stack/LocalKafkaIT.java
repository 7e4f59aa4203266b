package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKafkaIT {
  private static final String TOPIC = "greetings";
  private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

  @TempDir Path dir;

  @Test
  void aRestartOnTheSameDirectoryKeepsTheClusterTopicsRecordsAndOffsets() throws Exception {
    String clusterId;
    try (LocalKafka kafka = LocalKafka.start(dir, Ports.free())) {
      clusterId = kafka.clusterId();
      try (Admin admin = Admin.create(admin(kafka))) {
        admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
      }
      // transactional, as the ingest service publishes: needs the transaction log on one node
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producer(kafka))) {
        producer.initTransactions();
        producer.beginTransaction();
        producer.send(new ProducerRecord<>(TOPIC, "k", "hello")).get();
        producer.commitTransaction();
      }
      assertThat(readAll(kafka)).containsExactly("hello");
      try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumer(kafka, "g"))) {
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(1)));
      }
    }

    // another port on purpose: the quorum is static, so the node may move
    try (LocalKafka kafka = LocalKafka.start(dir, Ports.free())) {
      assertThat(kafka.clusterId()).isEqualTo(clusterId);
      assertThat(readAll(kafka)).containsExactly("hello");
      try (Admin admin = Admin.create(admin(kafka))) {
        Map<TopicPartition, OffsetAndMetadata> offsets =
            admin.listConsumerGroupOffsets("g").partitionsToOffsetAndMetadata().get();
        assertThat(offsets.get(PARTITION).offset()).isEqualTo(1);
      }
    }
  }

  private static List<String> readAll(LocalKafka kafka) {
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(consumer(kafka, "reader-" + System.nanoTime()))) {
      consumer.assign(List.of(PARTITION));
      consumer.seekToBeginning(List.of(PARTITION));
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                  values.add(r.value());
                }
                return !values.isEmpty();
              });
    }
    return values;
  }

  private static Properties admin(LocalKafka kafka) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    return p;
  }

  private static Properties producer(LocalKafka kafka) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "local-kafka-it");
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    return p;
  }

  private static Properties consumer(LocalKafka kafka, String group) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    return p;
  }
}
