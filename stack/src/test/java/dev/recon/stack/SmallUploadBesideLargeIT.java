package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.stack.bench.LargeReports;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A large upload is published in parts as the pipeline makes room, so that a small upload sent
 * while it publishes is reconciled within seconds rather than behind all of it, and a large file
 * refused near its end still publishes nothing. The large upload is the benchmark's generated CSV
 * pair: 200,000 orders (516,000 rows, a minute or two of the pipeline on two cores), or {@code
 * -Drecon.it.largeOrders=1000000} for the million.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmallUploadBesideLargeIT {

  private static final int LARGE_ORDERS = Integer.getInteger("recon.it.largeOrders", 200_000);
  private static final Duration SMALL_RECONCILED_WITHIN = Duration.ofSeconds(5);
  private static final Duration LARGE_RECONCILED_WITHIN = Duration.ofMinutes(20);
  private static final Duration POLL = Duration.ofMillis(25);

  /** Rows of the large upload published before the small one is sent: it is well under way. */
  private static final long LARGE_ROWS_PUBLISHED_BEFORE = 100_000;

  /** Over the gateway's one-transaction limit (30,000 rows), so that it is published in parts. */
  private static final int REFUSED_FILE_ROWS = 60_000;

  private static Stack stack;
  private static UploadClient client;
  private static LargeReports large;

  @BeforeAll
  static void start() throws Exception {
    Path cache =
        Files.createDirectories(
            StackOptions.repositoryRoot().resolve("stack/target/it-large-reports"));
    long began = System.nanoTime();
    large = LargeReports.csv(cache, LARGE_ORDERS, 16);
    System.out.printf(
        "%,d orders: %,d MTR and %,d payment rows, %,d bytes (ready in %.1f s)%n",
        LARGE_ORDERS,
        large.mtrRows(),
        large.paymentRows(),
        Files.size(large.mtr()) + Files.size(large.payment()),
        (System.nanoTime() - began) / 1e9);
    stack = LocalStack.start("small-beside-large");
    client = new UploadClient(stack);
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  /**
   * A file of 60,000 rows with a quote that never closes on its last line: the gateway had sent the
   * first 30,000 rows before it knew the file was larger than one transaction (aborted), then read
   * it to its end before publishing any part. Not one record on the raw topic is committed.
   */
  @Test
  @Order(1)
  void aLargeFileRefusedNearItsEndPublishesNothing(@TempDir Path scratch) throws Exception {
    Path refused = scratch.resolve("mtr_refused_at_the_end.csv");
    try (BufferedReader in = Files.newBufferedReader(large.mtr(), StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(refused, StandardCharsets.UTF_8)) {
      for (int line = 0; line <= REFUSED_FILE_ROWS; line++) {
        out.write(in.readLine());
        out.newLine();
      }
      out.write("\"a quote that never closes,1,2,3");
      out.newLine();
    }

    UploadAnswer answer = client.upload(refused);
    assertThat(answer.accepted()).as("%s", answer).isTrue();
    UploadState state =
        client.awaitFinal(List.of(answer.uploads().get(0).id()), Duration.ofMinutes(2)).get(0);
    System.out.printf("the file refused at its end: %s, %s%n", state.status(), state.error());

    assertThat(state.status()).as("%s", state).isEqualTo(UploadState.REJECTED);
    assertThat(state.error()).startsWith("FILE_");
    RawTopic raw = rawMtr();
    assertThat(raw.written()).as("records written (and aborted)").isGreaterThan(0);
    assertThat(raw.committed()).as("committed records on recon.raw.mtr").isZero();
    assertThat(client.gateway().summary().path("totals").path("orders").asLong()).isZero();
  }

  /**
   * The case: a small upload sent while a large one publishes is RECONCILED within five
   * seconds of its last byte, and both end RECONCILED with the small one's orders as expected.
   */
  @Test
  @Order(2)
  void aSmallUploadSentWhileALargeOnePublishesIsReconciledWithinSeconds() throws Exception {
    Dataset small = Dataset.named("small");
    long largeBegan = System.nanoTime();
    CompletableFuture<UploadAnswer> largeSent =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return client
                    .gateway()
                    .upload(List.of(large.mtr(), large.payment()), Optional.empty());
              } catch (IOException e) {
                throw new CompletionException(e);
              }
            });
    UploadAnswer largeAnswer = largeSent.join();
    assertThat(largeAnswer.accepted()).as("%s", largeAnswer).isTrue();
    List<String> largeIds = largeAnswer.uploads().stream().map(UploadState::id).toList();
    await("the large upload to be under way")
        .atMost(Duration.ofMinutes(5))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> rowsPublished(largeIds) >= LARGE_ROWS_PUBLISHED_BEFORE);

    UploadAnswer smallAnswer =
        client
            .gateway()
            .upload(
                List.of(
                    small.dir().resolve("inputs/mtr.csv"),
                    small.dir().resolve("inputs/payment.csv")),
                Optional.empty());
    long smallSent = System.nanoTime();
    assertThat(smallAnswer.accepted()).as("%s", smallAnswer).isTrue();
    List<String> smallIds = smallAnswer.uploads().stream().map(UploadState::id).toList();
    long largeRowsThen = rowsPublished(largeIds);
    List<UploadState> smallStates = awaitFinal(smallIds);
    Duration smallTook = Duration.ofNanos(System.nanoTime() - smallSent);
    List<UploadState> largeThen = states(largeIds);
    System.out.printf(
        "small upload sent %.1f s into the large one (%,d of its %,d rows published):"
            + " RECONCILED %.2f s after its last byte; the large one then: %s%n",
        (smallSent - largeBegan) / 1e9,
        largeRowsThen,
        large.mtrRows() + large.paymentRows(),
        smallTook.toNanos() / 1e9,
        largeThen.stream().map(s -> s.fileName() + " " + s.status() + " " + s.progress()).toList());

    assertThat(smallStates)
        .as("the small upload")
        .allSatisfy(s -> assertThat(s.status()).as("%s", s).isEqualTo(UploadState.RECONCILED));
    assertThat(largeThen)
        .as("the large upload, still going when the small one is done")
        .anySatisfy(s -> assertThat(s.status()).isNotEqualTo(UploadState.RECONCILED));

    List<UploadState> largeStates = client.awaitFinal(largeIds, LARGE_RECONCILED_WITHIN);
    System.out.printf(
        "the large upload RECONCILED %.1f s after its first byte%n",
        (System.nanoTime() - largeBegan) / 1e9);
    assertThat(largeStates)
        .allSatisfy(s -> assertThat(s.status()).as("%s", s).isEqualTo(UploadState.RECONCILED));
    assertThat(largeStates.stream().mapToLong(UploadState::rowsPublished).sum())
        .isEqualTo(large.mtrRows() + large.paymentRows());
    assertThat(ResultComparison.orders(small.expectedOrdersCsv(), ordersOf(small))).isEmpty();
    assertThat(smallTook).isLessThanOrEqualTo(SMALL_RECONCILED_WITHIN);
  }

  private static long rowsPublished(List<String> ids) throws IOException, InterruptedException {
    long rows = 0;
    for (UploadState state : states(ids)) {
      rows +=
          state.rowsPublished() != null && state.rowsPublished() > 0
              ? state.rowsPublished()
              : state.progress().path("published").asLong();
    }
    return rows;
  }

  private static List<UploadState> states(List<String> ids)
      throws IOException, InterruptedException {
    List<UploadState> states = new ArrayList<>();
    for (String id : ids) {
      states.add(client.gateway().upload(id));
    }
    return states;
  }

  /** Polls fast: the time to RECONCILED is what is measured. */
  private static List<UploadState> awaitFinal(List<String> ids) throws Exception {
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    while (System.nanoTime() < deadline) {
      stack.checkAlive();
      List<UploadState> current = states(ids);
      if (current.stream().allMatch(UploadState::isFinal)) {
        return current;
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new AssertionError("uploads " + ids + " not final within 5 minutes");
  }

  /** The export's rows of the dataset's orders only: the large upload's are beside them. */
  private static String ordersOf(Dataset dataset) throws IOException, InterruptedException {
    Set<String> ids = new HashSet<>();
    dataset.expectedOrdersCsv().lines().skip(1).forEach(line -> ids.add(orderId(line)));
    List<String> lines = client.gateway().ordersCsv().lines().toList();
    return lines.get(0)
        + "\n"
        + lines.stream()
            .skip(1)
            .filter(line -> ids.contains(orderId(line)))
            .collect(Collectors.joining("\n"));
  }

  private static String orderId(String csvLine) {
    return csvLine.substring(0, Math.max(0, csvLine.indexOf(','))).replace("\"", "").strip();
  }

  /** What recon.raw.mtr holds: records written at all, and those a read-committed reader gets. */
  private record RawTopic(long written, long committed) {}

  private static RawTopic rawMtr() throws Exception {
    String topic = "recon.raw.mtr";
    Properties config = new Properties();
    config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafkaBootstrapServers());
    Map<TopicPartition, Long> ends = new HashMap<>();
    try (Admin admin = Admin.create(config)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      admin
          .describeTopics(List.of(topic))
          .allTopicNames()
          .get()
          .get(topic)
          .partitions()
          .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
      admin
          .listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_UNCOMMITTED))
          .all()
          .get()
          .forEach((partition, info) -> ends.put(partition, info.offset()));
    }
    config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    long committed = 0;
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(ends.keySet());
      consumer.seekToBeginning(ends.keySet());
      long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
      while (ends.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
        assertThat(System.nanoTime()).as("read to the end of " + topic).isLessThan(deadline);
        committed += consumer.poll(Duration.ofMillis(500)).count();
      }
    }
    return new RawTopic(ends.values().stream().mapToLong(Long::longValue).sum(), committed);
  }
}
