package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.stack.PipelineWatch.Position;
import dev.recon.stack.PipelineWatch.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Kafka broker stopped while the {@code medium} dataset goes through the pipeline (the gateway
 * publishing payment.csv in its transaction, the transform working through mtr.csv), and started
 * again on the same port and log directory once every service has noticed it is gone: the uploads
 * end RECONCILED and the results equal {@code expected/}.
 */
@Tag("faults")
class BrokerRestartIT {

  /**
   * The shortest outage: longer than the Streams producers' transaction timeout (10 s under
   * exactly-once), so that the transactions they had open when the broker went away are aborted by
   * the coordinator when it is back, and their producers are fenced.
   */
  private static final Duration SHORTEST_OUTAGE = Duration.ofSeconds(15);

  /** What Kafka's clients log (at WARN) when they cannot reach the broker. */
  private static final String BROKER_LOST = "could not be established";

  @Test
  void theBrokerStoppedMidUploadAndStartedAgainLosesAndDoublesNothing(@TempDir Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named("medium");
    try (Stack stack = LocalStack.start("broker-restart");
        PipelineWatch watch = new PipelineWatch(stack)) {
      List<Path> inputs = dataset.inputs(scratch);
      String mtrId = watch.upload(List.of(inputs.get(0))).get(0);
      watch.awaitPastReceived(mtrId, "mtr.csv", Duration.ofMinutes(5), Duration.ofMillis(100));
      String paymentId = watch.upload(List.of(inputs.get(1))).get(0);
      List<String> ids = List.of(mtrId, paymentId);
      UploadState publishing = ServiceKillIT.awaitPublishing(watch, paymentId);
      Position transform = watch.position(Stage.TRANSFORM);
      List<String> services =
          List.of(Service.INGEST, Service.TRANSFORM, Service.MERGE).stream()
              .map(Service::shortName)
              .toList();
      long[] logFrom = services.stream().mapToLong(watch::logLength).toArray();
      Instant stopped = Instant.now();
      stack.stopKafka();
      System.out.printf(
          "broker stopped while %s was publishing (%d rows read), with %s%n",
          publishing.fileName(), publishing.progress().path("published").asLong(), transform);

      await("every service to notice the broker is gone")
          .pollDelay(SHORTEST_OUTAGE)
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .untilAsserted(
              () -> {
                stack.checkAlive();
                for (int i = 0; i < services.size(); i++) {
                  assertThat(watch.logLinesSince(services.get(i), logFrom[i], BROKER_LOST))
                      .as(services.get(i) + " log lines saying the broker is unreachable")
                      .isNotEmpty();
                }
              });
      Instant noticed = Instant.now();
      stack.startKafka();
      Instant started = Instant.now();
      watch.awaitReconciled(ids, Duration.ofMinutes(10));
      Instant reconciled = Instant.now();
      System.out.printf(
          "broker down %s (every service noticed after %s), back in %s; reconciled %s later%n",
          PipelineWatch.seconds(stopped, started),
          PipelineWatch.seconds(stopped, noticed),
          PipelineWatch.seconds(noticed, started),
          PipelineWatch.seconds(started, reconciled));

      ResultComparison.assertMatches(dataset, watch.results(ids));
    }
  }
}
