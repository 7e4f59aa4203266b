package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml as a deployment: three Kafka brokers, PostgreSQL, two gateways, two transform
 * and two merge instances, each in its own container. Datasets go in one after the other through
 * both gateways, each while something fails on the running cluster, and after each the whole state
 * is exact: every order of every dataset so far as its expected/ says, the summary the sum of
 * theirs, and each dataset's rejected rows. At the end the cluster is taken down and up again and
 * every result is still there.
 */
@Tag("containers")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {
  private static final Duration RECONCILE_TIMEOUT = Duration.ofMinutes(10);

  private static ComposeCluster cluster;
  private static final DatasetUnion reconciled = new DatasetUnion();
  private static final List<String> uploadIds = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = ComposeCluster.start("recon-compose-it");
  }

  @AfterAll
  static void stop() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void mediumThroughBothGatewaysIsExact(@TempDir Path scratch) throws Exception {
    Dataset medium = Dataset.named("medium");
    List<String> ids = uploadThroughBothGateways(medium.inputs(scratch));
    awaitReconciledAndExact(medium, ids);
  }

  @Test
  @Order(2)
  void aBrokerKilledMidUploadChangesNothing(@TempDir Path scratch) throws Exception {
    reconcileWhile("seed-compat", scratch, () -> cluster.kill("kafka-2"));
    cluster.startAgain("kafka-2");
    cluster.awaitHealthy("kafka-2");
  }

  @Test
  @Order(3)
  void aMergeContainerKilledMidUploadChangesNothing(@TempDir Path scratch) throws Exception {
    reconcileWhile("small", scratch, () -> cluster.kill("merge-1"));
    cluster.startAgain("merge-1");
  }

  @Test
  @Order(4)
  void postgresRestartedMidUploadChangesNothing(@TempDir Path scratch) throws Exception {
    reconcileWhile("edge", scratch, () -> cluster.restart("postgres"));
  }

  @Test
  @Order(5)
  void everyResultOutlivesDownAndUp() throws Exception {
    cluster.down();
    cluster.up();

    GatewayClient gateway = new GatewayClient(cluster.secondGateway());
    for (String id : uploadIds) {
      assertThat(gateway.upload(id).status()).as("upload %s", id).isEqualTo(UploadState.RECONCILED);
    }
    assertExact(gateway);
  }

  /** What a test does to the running cluster while an upload is in flight. */
  @FunctionalInterface
  private interface Fault {
    void inject() throws Exception;
  }

  /**
   * Uploads a dataset through both gateways, injects {@code fault} while the pipeline still works
   * on it, and requires every result exact once it is reconciled.
   */
  private static void reconcileWhile(String datasetName, Path scratch, Fault fault)
      throws Exception {
    Dataset dataset = Dataset.named(datasetName);
    List<String> ids = uploadThroughBothGateways(dataset.inputs(scratch));
    requireInFlight(ids);
    fault.inject();

    awaitReconciledAndExact(dataset, ids);
  }

  /** Each file in a request of its own, alternately to the first and the second gateway. */
  private static List<String> uploadThroughBothGateways(List<Path> files)
      throws IOException, InterruptedException {
    List<URI> gateways = List.of(cluster.gateway(), cluster.secondGateway());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      GatewayClient gateway = new GatewayClient(gateways.get(i % gateways.size()));
      UploadAnswer answer = gateway.upload(List.of(files.get(i)), Optional.empty());
      assertThat(answer.accepted()).as("%s: %s", files.get(i).getFileName(), answer).isTrue();
      answer.uploads().forEach(upload -> ids.add(upload.id()));
    }
    uploadIds.addAll(ids);
    return ids;
  }

  /** A fault proves something only if it comes while the pipeline still works on the upload. */
  private static void requireInFlight(List<String> ids) throws IOException, InterruptedException {
    GatewayClient gateway = new GatewayClient(cluster.gateway());
    String last = ids.get(ids.size() - 1);
    assertThat(gateway.upload(last).status())
        .as("upload %s when the fault is injected", last)
        .isNotEqualTo(UploadState.RECONCILED);
  }

  private static void awaitReconciledAndExact(Dataset dataset, List<String> ids)
      throws IOException, InterruptedException {
    GatewayClient gateway = new GatewayClient(cluster.gateway());
    AtomicReference<List<UploadState>> last = new AtomicReference<>();
    await(dataset.name() + " reconciled")
        .atMost(RECONCILE_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              List<UploadState> states = new ArrayList<>();
              for (String id : ids) {
                states.add(gateway.upload(id));
              }
              last.set(states);
              return states.stream().allMatch(UploadState::isFinal);
            });
    for (UploadState state : last.get()) {
      assertThat(state.status()).as("%s", state).isEqualTo(UploadState.RECONCILED);
    }
    List<String> rejected = new ArrayList<>();
    for (String id : ids) {
      rejected.add(gateway.rejectedCsv(id));
    }
    assertThat(ResultComparison.rejected(dataset.expectedRejectedCsv(), rejected))
        .as("%s: rejected rows", dataset.name())
        .isEmpty();
    reconciled.add(dataset);
    assertExact(gateway);
  }

  private static void assertExact(GatewayClient gateway) throws IOException, InterruptedException {
    List<String> differences = reconciled.differences(gateway.ordersCsv(), gateway.summary());
    assertThat(differences.subList(0, Math.min(20, differences.size())))
        .as(
            "the first differences (of %d) from the expected/ of %s",
            differences.size(), reconciled.names())
        .isEmpty();
  }
}
