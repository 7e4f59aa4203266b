package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.stack.PipelineWatch.Position;
import dev.recon.stack.PipelineWatch.Stage;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of each service while the {@code medium} dataset (51,443 rows) goes through the
 * pipeline, then a restart with the same settings and state directory: every upload still ends
 * RECONCILED and the export, summary and rejected rows equal {@code expected/}, so nothing was lost
 * and nothing counted twice. Each test has a stack of its own: results only prove something when
 * the dataset is reconciled once, on an empty database.
 */
@Tag("faults")
class ServiceKillIT {

  private static final Duration RECONCILE_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration MIDWAY_TIMEOUT = Duration.ofMinutes(5);

  /** The gateway's transactional ids: {@code recon-ingest-<instance>-<n>}. */
  private static final String GATEWAY_TRANSACTIONS = "recon-ingest-";

  /** About a third of medium's 51,443 rows (offsets also count markers and commit markers). */
  static final long PART_WAY_OFFSETS = 17_000;

  /**
   * The gateway dies while it publishes one upload, just after it published another: the upload's
   * Kafka transaction never commits (read-committed consumers see none of its rows), the upload is
   * left RECEIVED, and the restarted gateway publishes it again from its spooled file. The
   * transaction the killed gateway left open must not outlive its restart: until it ends, no
   * consumer can read past it on its partitions.
   */
  @Test
  void aGatewayKilledWhilePublishingRepublishesTheUploadAndLeavesNoTransactionOpen(
      @TempDir Path scratch) throws Exception {
    Dataset dataset = Dataset.named("medium");
    List<Path> inputs = dataset.inputs(scratch);
    Path mtr = inputs.get(0);
    Path payment = inputs.get(1);
    assertThat(List.of(mtr, payment).stream().map(p -> p.getFileName().toString()))
        .containsExactly("mtr.csv", "payment.csv");
    // The first rows of the payment report under the same name: an overlapping report, which
    // changes no result (SPEC §4), but uploaded while mtr.csv is publishing it needs the gateway's
    // second Kafka producer, which, done first, is then the first one free for the full
    // payment.csv.
    Path paymentStart = firstRecords(payment, scratch.resolve("start"), 300);
    try (Stack stack = LocalStack.start("kill-ingest");
        PipelineWatch watch = new PipelineWatch(stack)) {
      String mtrId = watch.upload(List.of(mtr)).get(0);
      awaitPublishing(watch, mtrId);
      String startId = watch.upload(List.of(paymentStart)).get(0);
      watch.awaitPastReceived(
          startId, "the first rows of payment.csv", MIDWAY_TIMEOUT, Duration.ofMillis(50));
      watch.awaitPastReceived(mtrId, "mtr.csv", MIDWAY_TIMEOUT, Duration.ofMillis(100));
      String paymentId = watch.upload(List.of(payment)).get(0);
      UploadState publishing = awaitPublishing(watch, paymentId);
      Map<String, Instant> open = watch.openTransactions(GATEWAY_TRANSACTIONS);
      // The case a restarted gateway that publishes this one upload again does not cover by itself:
      // its new producer gets transactional id ...-0 and fences only that.
      assertThat(open.keySet())
          .as("open transactions at the kill: the one of payment.csv, on the second producer")
          .singleElement()
          .satisfies(id -> assertThat(id).endsWith("-1"));
      Instant killed = Instant.now();
      stack.kill(Service.INGEST);
      System.out.printf(
          "kill -9 ingest while %s was RECEIVED with %d rows read; open transactions %s%n",
          publishing.fileName(), publishing.progress().path("published").asLong(), open);

      stack.restart(Service.INGEST);
      Instant restarted = Instant.now();
      await("the transactions the killed gateway left open to end")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofSeconds(1))
          .untilAsserted(
              () ->
                  assertThat(watch.openTransactions(GATEWAY_TRANSACTIONS))
                      .as("transactions still open since before the kill")
                      .allSatisfy((id, started) -> assertThat(started).isAfter(killed)));
      List<String> ids = List.of(mtrId, startId, paymentId);
      watch.awaitReconciled(ids, RECONCILE_TIMEOUT);
      Instant reconciled = Instant.now();
      System.out.printf(
          "ingest up again %s after the kill; uploads reconciled %s later%n",
          PipelineWatch.seconds(killed, restarted), PipelineWatch.seconds(restarted, reconciled));

      ResultComparison.assertMatches(dataset, watch.results(ids));
    }
  }

  /** Polls fast until the upload is RECEIVED with rows read (and so inside its transaction). */
  static UploadState awaitPublishing(PipelineWatch watch, String id) {
    AtomicReference<UploadState> publishing = new AtomicReference<>();
    await("upload " + id + " to be part-way published")
        .atMost(MIDWAY_TIMEOUT)
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              UploadState state = watch.states(List.of(id)).get(0);
              publishing.set(state);
              long read =
                  state.progress() == null ? 0 : state.progress().path("published").asLong();
              if (!"RECEIVED".equals(state.status()) || read == 0) {
                assertThat(state.status()).as("upload %s: %s", id, state).isEqualTo("RECEIVED");
                return false;
              }
              return true;
            });
    return publishing.get();
  }

  /**
   * The file's first lines, up to the first record end after {@code minLines} lines (a quoted field
   * may hold a line break), under the same name in {@code dir}.
   */
  private static Path firstRecords(Path file, Path dir, int minLines) throws IOException {
    StringBuilder text = new StringBuilder();
    long quotes = 0;
    int lines = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        text.append(line).append('\n');
        quotes += line.chars().filter(c -> c == '"').count();
        lines++;
        if (lines >= minLines && quotes % 2 == 0) {
          break;
        }
      }
    }
    Files.createDirectories(dir);
    return Files.writeString(dir.resolve(file.getFileName()), text, StandardCharsets.UTF_8);
  }

  /** The transform dies with its EOS transactions open and its offsets part-way. */
  @Test
  void aTransformKilledPartWayThroughTheRawRowsLosesAndDoublesNothing(@TempDir Path scratch)
      throws Exception {
    killMidStage(Service.TRANSFORM, Stage.TRANSFORM, "kill-transform", scratch);
  }

  /** The merge process dies with its Streams transactions open and its sink part-way. */
  @Test
  void aMergeKilledPartWayThroughTheLinesLosesAndDoublesNothing(@TempDir Path scratch)
      throws Exception {
    killMidStage(Service.MERGE, Stage.MERGE, "kill-merge", scratch);
  }

  private static void killMidStage(Service service, Stage stage, String name, Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named("medium");
    try (Stack stack = LocalStack.start(name);
        PipelineWatch watch = new PipelineWatch(stack)) {
      List<String> ids = watch.upload(dataset.inputs(scratch));
      Position midway =
          watch.awaitPartWay(stage, PART_WAY_OFFSETS, MIDWAY_TIMEOUT, Duration.ofMillis(100));
      Instant killed = Instant.now();
      stack.kill(service);
      Position sink = watch.position(Stage.SINK);
      System.out.printf("kill -9 %s with %s; %s%n", service.shortName(), midway, sink);
      assertThat(watch.states(ids)).as("uploads at the kill").noneMatch(UploadState::isReconciled);

      stack.restart(service);
      Instant restarted = Instant.now();
      watch.awaitReconciled(ids, RECONCILE_TIMEOUT);
      Instant reconciled = Instant.now();
      System.out.printf(
          "%s up again %s after the kill; uploads reconciled %s later%n",
          service.shortName(),
          PipelineWatch.seconds(killed, restarted),
          PipelineWatch.seconds(restarted, reconciled));

      ResultComparison.assertMatches(dataset, watch.results(ids));
    }
  }
}
