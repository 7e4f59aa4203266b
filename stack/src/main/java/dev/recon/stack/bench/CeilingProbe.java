package dev.recon.stack.bench;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The machine's ceiling for the pipeline: how fast one producer with the gateway's settings can put
 * the same number of records (at least {@link #LEAST_RECORDS}) of the same size and content into
 * the same broker, in one transaction as the gateway does, with no parsing and no downstream stage.
 * The records are the gateway's own raw records of the run (a sample of them, cycled), so that
 * their size and how well lz4 compresses them are the real ones.
 */
final class CeilingProbe {
  static final String TOPIC = "recon.bench.ceiling";
  private static final List<String> SOURCE_TOPICS = PipelineStage.PARSE_PUBLISH.topics();
  private static final int SAMPLE_RECORDS = 20_000;
  private static final long WARM_UP_RECORDS = 50_000;

  /**
   * Fewer records than this would be metered mostly for what each hop spends per commit and while
   * idle, not per record: a run of 500 orders once measured a floor of 10 ms per record.
   */
  private static final long LEAST_RECORDS = 50_000;

  private static final String MARKER_KEY_PREFIX = "#upload-";
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(500);
  private static final int MAX_EMPTY_POLLS = 3;

  /**
   * @param records records produced
   * @param inTopic records in the topic: those and the untimed warm-up's
   * @param averageBytes average key plus value size of the records, uncompressed
   * @param cpu what the processes watched used while the records were produced
   */
  record Ceiling(long records, long inTopic, double averageBytes, Duration took, Duration cpu) {
    double recordsPerSecond() {
      return records / (took.toNanos() / 1e9);
    }

    FloorProbe.Stage asFloorStage() {
      return new FloorProbe.Stage("produce (the ceiling)", records, took, cpu);
    }
  }

  private CeilingProbe() {}

  /** How many records the ceiling produces for a run of {@code rows} rows. */
  static long records(long rows) {
    return Math.max(rows, LEAST_RECORDS);
  }

  /**
   * Produces as many records as the run's {@code rows}, and no fewer than {@link #LEAST_RECORDS},
   * like the run's raw records into a scratch topic, metering the CPU of the processes {@code
   * watched}.
   */
  static Ceiling measure(String bootstrapServers, long rows, List<CpuMeter.Watched> watched)
      throws InterruptedException, ExecutionException, TimeoutException {
    long records = records(rows);
    List<ProducerRecord<byte[], byte[]>> sample = sampleRawRecords(bootstrapServers);
    if (sample.isEmpty()) {
      throw new IllegalStateException("no raw records to take the record size from");
    }
    createTopic(bootstrapServers);
    double averageBytes =
        sample.stream()
            .mapToLong(r -> r.key().length + (long) r.value().length)
            .average()
            .orElse(0);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(producerConfig(bootstrapServers))) {
      producer.initTransactions();
      // untimed: a cold producer (and JIT) would make a small run's ceiling look low
      long warmUp = Math.min(records, WARM_UP_RECORDS);
      produce(producer, sample, warmUp);
      CpuMeter cpu = CpuMeter.start(watched);
      long began = System.nanoTime();
      produce(producer, sample, records);
      Duration took = Duration.ofNanos(System.nanoTime() - began);
      return new Ceiling(records, warmUp + records, averageBytes, took, cpu.stop(0).total());
    }
  }

  /** {@code records} records in one transaction, as the gateway publishes an upload. */
  private static void produce(
      KafkaProducer<byte[], byte[]> producer,
      List<ProducerRecord<byte[], byte[]>> sample,
      long records) {
    producer.beginTransaction();
    int n = sample.size();
    for (long i = 0; i < records; i++) {
      producer.send(sample.get((int) (i % n)));
    }
    producer.commitTransaction();
  }

  /** The gateway's producer settings (ingest-service application.yml). */
  private static Properties producerConfig(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    config.put(ProducerConfig.BATCH_SIZE_CONFIG, 262_144);
    config.put(ProducerConfig.LINGER_MS_CONFIG, 10);
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 900_000);
    config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "recon-bench-ceiling");
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return config;
  }

  /** The scratch topic, with the raw topics' partition count. */
  private static void createTopic(String bootstrapServers)
      throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int partitions =
          admin
              .describeTopics(List.of(SOURCE_TOPICS.get(0)))
              .allTopicNames()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(SOURCE_TOPICS.get(0))
              .partitions()
              .size();
      if (!admin.listTopics().names().get().contains(TOPIC)) {
        admin
            .createTopics(List.of(new NewTopic(TOPIC, partitions, (short) 1)))
            .all()
            .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  /**
   * Committed raw rows from the start of each raw topic, as many of each kind, {@link
   * #SAMPLE_RECORDS} in all at most; the gateway's upload markers left out.
   */
  private static List<ProducerRecord<byte[], byte[]>> sampleRawRecords(String bootstrapServers) {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ProducerRecord<byte[], byte[]>> sample = new ArrayList<>();
    int perTopic = SAMPLE_RECORDS / SOURCE_TOPICS.size();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      for (String topic : SOURCE_TOPICS) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, CALL_TIMEOUT)) {
          partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        int taken = 0;
        int emptyPolls = 0;
        while (taken < perTopic && emptyPolls < MAX_EMPTY_POLLS) {
          ConsumerRecords<byte[], byte[]> polled = consumer.poll(POLL);
          emptyPolls = polled.isEmpty() ? emptyPolls + 1 : 0;
          for (ConsumerRecord<byte[], byte[]> record : polled) {
            if (taken < perTopic && isRow(record)) {
              sample.add(new ProducerRecord<>(TOPIC, record.key(), record.value()));
              taken++;
            }
          }
        }
      }
    }
    return sample;
  }

  private static boolean isRow(ConsumerRecord<byte[], byte[]> record) {
    return record.key() != null
        && record.value() != null
        && !new String(record.key(), StandardCharsets.UTF_8).startsWith(MARKER_KEY_PREFIX);
  }
}
