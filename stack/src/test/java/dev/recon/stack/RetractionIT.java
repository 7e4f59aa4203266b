package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §8.3 through the running system: retracting uploads leaves every result as if they had never
 * been made, and uploading the same files again counts them again.
 */
class RetractionIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @Test
  void retractedUploadsLeaveNoTraceAndTheirFilesUploadedAgainCountAgain(@TempDir Path scratch)
      throws Exception {
    Dataset small = Dataset.named("small");
    Dataset edge = Dataset.named("edge");
    try (Stack stack = LocalStack.start("retraction")) {
      UploadClient client = new UploadClient(stack);
      GatewayClient gateway = client.gateway();
      GatewayClient admin = new GatewayClient(stack.gatewayUrl(), Optional.of(stack.apiToken()));
      List<String> smallUploads = reconcile(client, small.inputs(scratch));
      List<String> edgeUploads = reconcile(client, edge.inputs(scratch));
      String exportWithEdge = gateway.ordersCsv();
      JsonNode summaryWithEdge = gateway.summary();
      JsonNode moneyWithEdge = gateway.money();

      for (String id : edgeUploads) {
        String status = admin.retract(Long.parseLong(id)).path("status").asText();
        assertThat(status).as("upload %s once retracted", id).isIn("RETRACTING", "RETRACTED");
      }
      assertThat(admin.retract(Long.parseLong(edgeUploads.get(0))).path("status").asText())
          .as("retracting again is accepted and changes nothing")
          .isIn("RETRACTING", "RETRACTED");
      assertThatThrownBy(() -> admin.retract(999_999))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("answered 404");
      assertThatThrownBy(() -> gateway.retract(Long.parseLong(smallUploads.get(0))))
          .as("a retraction needs the API token, like a replay")
          .isInstanceOf(IOException.class)
          .hasMessageContaining("answered 401");
      await("edge's uploads to be retracted")
          .atMost(TIMEOUT)
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                stack.checkAlive();
                for (String id : edgeUploads) {
                  if (!gateway.upload(id).status().equals("RETRACTED")) {
                    return false;
                  }
                }
                for (String id : smallUploads) {
                  if (!gateway.upload(id).status().equals(UploadState.RECONCILED)) {
                    return false;
                  }
                }
                return true;
              });

      ResultComparison.assertMatches(small, results(gateway, smallUploads));

      reconcile(client, edge.inputs(scratch));
      assertThat(gateway.ordersCsv())
          .as("edge uploaded again: the export before the retraction")
          .isEqualTo(exportWithEdge);
      assertThat(gateway.summary()).isEqualTo(summaryWithEdge);
      assertThat(gateway.money()).isEqualTo(moneyWithEdge);
    }
  }

  /** Uploads each file and waits until all are RECONCILED; answers their ids. */
  private static List<String> reconcile(UploadClient client, List<Path> files)
      throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (Path file : files) {
      ids.add(client.upload(file).uploads().get(0).id());
    }
    for (UploadState state : client.awaitFinal(ids, TIMEOUT)) {
      assertThat(state.status()).as("%s", state).isEqualTo(UploadState.RECONCILED);
    }
    return ids;
  }

  private static Results results(GatewayClient gateway, List<String> uploads)
      throws IOException, InterruptedException {
    List<String> rejected = new ArrayList<>();
    for (String id : uploads) {
      rejected.add(gateway.rejectedCsv(id));
    }
    return new Results(gateway.ordersCsv(), gateway.summary(), gateway.money(), rejected);
  }
}
