package dev.recon.stack.bench;

import dev.recon.stack.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The floor of the pipeline's shape on this machine: its hops with no business logic, one at a
 * time, over the ceiling's records. An exactly-once Streams app that passes each record on, one
 * that also reads and writes it in a RocksDB store (with its changelog), and a consumer that
 * upserts each poll into PostgreSQL in one transaction, each with the services' settings. What each
 * costs in CPU per record, broker and PostgreSQL included, is what no business logic can go below:
 * their sum over the cores bounds the rate of any pipeline of these hops here.
 */
final class FloorProbe {
  private static final String PASSED = "recon.bench.floor.passed";
  private static final String STORED = "recon.bench.floor.stored";
  private static final String STORE = "floor-store";
  private static final Duration LONGEST_STAGE = Duration.ofMinutes(15);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration POLL = Duration.ofMillis(200);

  /** One hop: how many records it counted through, in what time, and the CPU it used for them. */
  record Stage(String label, long records, Duration took, Duration cpu) {
    double cpuMicrosPerRecord() {
      return cpu.toNanos() / 1e3 / Math.max(records, 1);
    }
  }

  private final String bootstrapServers;
  private final Database database;
  private final Path stateDir;
  private final List<CpuMeter.Watched> launcherAndPostgres;

  /**
   * @param launcherAndPostgres the launcher, which hosts the broker and runs the hops, and the
   *     database server
   */
  FloorProbe(
      String bootstrapServers,
      Database database,
      Path stateDir,
      List<CpuMeter.Watched> launcherAndPostgres) {
    this.bootstrapServers = bootstrapServers;
    this.database = database;
    this.stateDir = stateDir;
    this.launcherAndPostgres = List.copyOf(launcherAndPostgres);
  }

  /**
   * Takes the {@code records} records of the ceiling's topic through each hop in turn, each hop
   * metered once it has taken the first {@code warmUp}: as for the ceiling, a cold client and JIT
   * would make the floor look higher than the hops cost in a long run.
   */
  List<Stage> measure(long records, long warmUp)
      throws InterruptedException, ExecutionException, TimeoutException, SQLException {
    createTopics();
    List<Stage> stages = new ArrayList<>();
    StreamsBuilder passing = new StreamsBuilder();
    AtomicLong passed = new AtomicLong();
    passing.stream(CeilingProbe.TOPIC, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .peek((key, value) -> passed.incrementAndGet())
        .to(PASSED, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    stages.add(
        streams(
            "exactly-once pass (Streams)",
            "recon-bench-floor-pass",
            passing,
            passed,
            records,
            warmUp));

    StreamsBuilder storing = new StreamsBuilder();
    AtomicLong stored = new AtomicLong();
    storing.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(STORE), Serdes.ByteArray(), Serdes.ByteArray()));
    storing.stream(PASSED, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
        .processValues(() -> new GetAndPut(stored), STORE)
        .to(STORED, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
    stages.add(
        streams(
            "exactly-once store (RocksDB get+put)",
            "recon-bench-floor-store",
            storing,
            stored,
            records,
            warmUp));

    stages.add(sink(records, warmUp));
    return stages;
  }

  /** Reads the record's key in the store and writes it there, as the merge does for each line. */
  private static final class GetAndPut implements FixedKeyProcessor<byte[], byte[], byte[]> {
    private final AtomicLong counted;
    private KeyValueStore<byte[], byte[]> store;
    private FixedKeyProcessorContext<byte[], byte[]> context;

    GetAndPut(AtomicLong counted) {
      this.counted = counted;
    }

    @Override
    public void init(FixedKeyProcessorContext<byte[], byte[]> context) {
      this.context = context;
      this.store = context.getStateStore(STORE);
    }

    @Override
    public void process(FixedKeyRecord<byte[], byte[]> record) {
      store.get(record.key());
      store.put(record.key(), record.value());
      counted.incrementAndGet();
      context.forward(record);
    }
  }

  /**
   * Runs a Streams app until it has processed every record, then closes it, which commits; metered
   * from the end of its warm-up to the end of that commit.
   */
  private Stage streams(
      String label,
      String applicationId,
      StreamsBuilder builder,
      AtomicLong processed,
      long records,
      long warmUp)
      throws InterruptedException, TimeoutException {
    HopMeter meter = new HopMeter(label);
    KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig(applicationId));
    try {
      streams.start();
      await(label, processed, warmUp);
      meter.warmedUp(processed.get());
      await(label, processed, records);
    } finally {
      streams.close(Duration.ofSeconds(60));
    }
    return meter.stop(processed.get());
  }

  /** The services' Streams settings (transform-service and merge-service application.yml). */
  private Properties streamsConfig(String applicationId) {
    Properties config = new Properties();
    config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
    config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    config.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, 1);
    // the services take theirs from the same variable, inherited from the launcher
    config.put(
        StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
        Optional.ofNullable(System.getenv("RECON_COMMIT_INTERVAL_MS")).orElse("100"));
    config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.put(StreamsConfig.producerPrefix("linger.ms"), 5);
    config.put(StreamsConfig.producerPrefix("batch.size"), 262_144);
    config.put(StreamsConfig.producerPrefix("compression.type"), "lz4");
    config.put(StreamsConfig.consumerPrefix("max.poll.records"), 2000);
    config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
    return config;
  }

  /**
   * The merge service's sink with one table: read committed, each poll deduplicated by key and
   * upserted in one transaction, the offsets committed after it.
   */
  private Stage sink(long records, long warmUp)
      throws SQLException, InterruptedException, TimeoutException {
    Properties config = new Properties();
    config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    config.put(ConsumerConfig.GROUP_ID_CONFIG, "recon-bench-floor-sink");
    config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
    config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    Properties connection = new Properties();
    connection.put("user", database.user());
    connection.put("password", database.password());
    connection.put("reWriteBatchedInserts", "true");
    String label = "sink (upsert into PostgreSQL)";
    try (Connection db = DriverManager.getConnection(database.url(), connection);
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
      try (Statement create = db.createStatement()) {
        create.execute(
            "create table if not exists recon_bench_floor"
                + " (key text collate \"C\" primary key, value bytea not null)");
      }
      db.setAutoCommit(false);
      consumer.subscribe(List.of(STORED));
      HopMeter meter = new HopMeter(label);
      long deadline = System.nanoTime() + LONGEST_STAGE.toNanos();
      long consumed = 0;
      boolean warm = false;
      try (PreparedStatement upsert =
          db.prepareStatement(
              "insert into recon_bench_floor (key, value) values (?, ?)"
                  + " on conflict (key) do update set value = excluded.value")) {
        while (consumed < records) {
          if (!warm && consumed >= warmUp) {
            meter.warmedUp(consumed);
            warm = true;
          }
          if (System.nanoTime() > deadline) {
            throw new TimeoutException(label + ": " + consumed + " of " + records + " records");
          }
          Map<String, byte[]> latest = new LinkedHashMap<>();
          for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
            latest.put(new String(record.key(), StandardCharsets.UTF_8), record.value());
            consumed++;
          }
          if (latest.isEmpty()) {
            continue;
          }
          for (Map.Entry<String, byte[]> entry : latest.entrySet()) {
            upsert.setString(1, entry.getKey());
            upsert.setBytes(2, entry.getValue());
            upsert.addBatch();
          }
          upsert.executeBatch();
          db.commit();
          consumer.commitSync();
        }
      }
      return meter.stop(consumed);
    }
  }

  private static void await(String label, AtomicLong count, long records)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + LONGEST_STAGE.toNanos();
    while (count.get() < records) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(label + ": " + count.get() + " of " + records + " records");
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /**
   * A hop's CPU and time from its start and again from the end of its warm-up: the later when
   * records came after the warm-up, the whole hop when the warm-up took them all (a small run).
   */
  private final class HopMeter {
    private final String label;
    private final CpuMeter whole;
    private final long began = System.nanoTime();
    private CpuMeter warm;
    private long warmBegan;
    private long countedWarm;

    HopMeter(String label) {
      this.label = label;
      this.whole = CpuMeter.start(launcherAndPostgres);
    }

    void warmedUp(long counted) {
      countedWarm = counted;
      warmBegan = System.nanoTime();
      warm = CpuMeter.start(launcherAndPostgres);
    }

    Stage stop(long counted) {
      long now = System.nanoTime();
      if (warm != null && counted > countedWarm) {
        return new Stage(
            label, counted - countedWarm, Duration.ofNanos(now - warmBegan), warm.stop(0).total());
      }
      return new Stage(label, counted, Duration.ofNanos(now - began), whole.stop(0).total());
    }
  }

  /** The hops' topics, with the ceiling topic's partition count. */
  private void createTopics() throws InterruptedException, ExecutionException, TimeoutException {
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
      int partitions =
          admin
              .describeTopics(List.of(CeilingProbe.TOPIC))
              .allTopicNames()
              .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
              .get(CeilingProbe.TOPIC)
              .partitions()
              .size();
      List<NewTopic> topics = new ArrayList<>();
      for (String topic : List.of(PASSED, STORED)) {
        topics.add(new NewTopic(topic, partitions, (short) 1));
      }
      admin.createTopics(topics).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }
}
