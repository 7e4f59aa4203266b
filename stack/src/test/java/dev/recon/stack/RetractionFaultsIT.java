package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §8.3 on the failure paths: a retraction interrupted by a {@code kill -9} of the merge, the
 * transform or the gateway, or overlapping a replay and another upload, still ends with every
 * result as if the retracted uploads had never been made. Each test uploads {@code edge} on top of
 * {@code small}, retracts edge's uploads, and compares with small's {@code expected/}.
 */
@Tag("faults")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RetractionFaultsIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  private static Stack stack;
  private static UploadClient client;
  private static GatewayClient admin;
  private static Dataset small;
  private static Dataset edge;
  private static List<String> smallUploads;

  @BeforeAll
  static void start(@TempDir Path scratch) throws Exception {
    small = Dataset.named("small");
    edge = Dataset.named("edge");
    stack = LocalStack.start("retraction-faults");
    client = new UploadClient(stack);
    admin = new GatewayClient(stack.gatewayUrl(), Optional.of(stack.apiToken()));
    smallUploads = reconcile(small.inputs(scratch));
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void theMergeKilledWhileTheRetractionReprocesses(@TempDir Path scratch) throws Exception {
    retractKillingIn("REPROCESSING", Service.MERGE, scratch);
  }

  @Test
  @Order(2)
  void theTransformKilledWhileTheRetractionReprocesses(@TempDir Path scratch) throws Exception {
    retractKillingIn("REPROCESSING", Service.TRANSFORM, scratch);
  }

  @Test
  @Order(3)
  void theGatewayKilledWhileTheRetractionPauses(@TempDir Path scratch) throws Exception {
    retractKillingIn("PAUSING", Service.INGEST, scratch);
  }

  @Test
  @Order(4)
  void aRetractionOverlappingAReplayAndAnotherUpload(@TempDir Path scratch) throws Exception {
    List<String> edgeUploads = reconcile(edge.inputs(scratch));
    admin.startReplay();
    for (String id : edgeUploads) {
      admin.retract(Long.parseLong(id));
    }
    // Small's CSV reports again, as new uploads: the same lines, which change nothing.
    List<String> again = new ArrayList<>();
    for (Path file : small.inputs(scratch)) {
      if (file.getFileName().toString().endsWith(".csv")) {
        again.add(client.upload(file).uploads().get(0).id());
      }
    }

    awaitRetracted(edgeUploads);
    for (UploadState state : client.awaitFinal(again, TIMEOUT)) {
      assertThat(state.status()).as("%s", state).isEqualTo(UploadState.RECONCILED);
    }
    assertThat(replays())
        .as("the replay and the retraction (taken by it, or waiting for it) both end")
        .allSatisfy(replay -> assertThat(replay.path("status").asText()).isEqualTo("DONE"));
    ResultComparison.assertMatches(small, results());
  }

  /**
   * Uploads edge, retracts its uploads, kills {@code service} once the retraction's replay is in
   * {@code phase}, restarts it, and compares the results with small's expected/.
   */
  private static void retractKillingIn(String phase, Service service, Path scratch)
      throws Exception {
    List<String> edgeUploads = reconcile(edge.inputs(scratch));
    long lastReplay = replays().isEmpty() ? 0 : replays().get(0).path("id").asLong();
    for (String id : edgeUploads) {
      admin.retract(Long.parseLong(id));
    }
    await("the retraction's replay to be " + phase)
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              List<JsonNode> replays = replays();
              return !replays.isEmpty()
                  && replays.get(0).path("id").asLong() > lastReplay
                  && replays.get(0).path("status").asText().equals(phase);
            });
    stack.kill(service);
    System.out.printf("kill -9 %s while the retraction's replay was %s%n", service, phase);
    stack.restart(service);

    awaitRetracted(edgeUploads);
    ResultComparison.assertMatches(small, results());
  }

  private static void awaitRetracted(List<String> uploads) {
    await("uploads " + uploads + " to be retracted, and small's reconciled")
        .atMost(TIMEOUT)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              stack.checkAlive();
              for (String id : uploads) {
                if (!client.gateway().upload(id).status().equals("RETRACTED")) {
                  return false;
                }
              }
              for (String id : smallUploads) {
                if (!client.gateway().upload(id).status().equals(UploadState.RECONCILED)) {
                  return false;
                }
              }
              return true;
            });
  }

  /** The replays, newest first. */
  private static List<JsonNode> replays() throws IOException, InterruptedException {
    List<JsonNode> replays = new ArrayList<>();
    admin.replays().forEach(replays::add);
    return replays;
  }

  private static List<String> reconcile(List<Path> files) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (Path file : files) {
      ids.add(client.upload(file).uploads().get(0).id());
    }
    for (UploadState state : client.awaitFinal(ids, TIMEOUT)) {
      assertThat(state.status()).as("%s", state).isEqualTo(UploadState.RECONCILED);
    }
    return ids;
  }

  private static Results results() throws IOException, InterruptedException {
    List<String> rejected = new ArrayList<>();
    for (String id : smallUploads) {
      rejected.add(client.gateway().rejectedCsv(id));
    }
    GatewayClient gateway = client.gateway();
    return new Results(gateway.ordersCsv(), gateway.summary(), gateway.money(), rejected);
  }
}
