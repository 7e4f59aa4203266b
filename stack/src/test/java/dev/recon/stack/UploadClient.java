package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Uploads files to a test stack's gateway and waits for the pipeline, failing at once when a
 * service process dies rather than at the end of a long wait.
 */
final class UploadClient {
  private static final Duration POLL = Duration.ofMillis(500);

  private final Stack stack;
  private final GatewayClient gateway;

  UploadClient(Stack stack) {
    this.stack = stack;
    this.gateway = new GatewayClient(stack.gatewayUrl());
  }

  GatewayClient gateway() {
    return gateway;
  }

  /** One file in its own request, its kind left for the gateway to detect. */
  UploadAnswer upload(Path file) throws IOException, InterruptedException {
    return gateway.upload(List.of(file), Optional.empty());
  }

  /**
   * Polls the uploads until each is RECONCILED, REJECTED or FAILED, and answers their last states
   * in the order of {@code ids}.
   */
  List<UploadState> awaitFinal(List<String> ids, Duration timeout) {
    AtomicReference<List<UploadState>> last = new AtomicReference<>();
    await("uploads " + ids + " to be reconciled, rejected or failed")
        .atMost(timeout)
        .pollInterval(POLL)
        .until(
            () -> {
              stack.checkAlive();
              List<UploadState> states = new ArrayList<>();
              for (String id : ids) {
                states.add(gateway.upload(id));
              }
              last.set(states);
              return states.stream().allMatch(UploadState::isFinal);
            });
    return last.get();
  }

  /**
   * Uploads each file, requires every upload to end RECONCILED within {@code timeout} (all
   * together), and fetches the results.
   */
  Results reconcile(List<Path> files, Duration timeout) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>();
    for (Path file : files) {
      UploadAnswer answer = upload(file);
      assertThat(answer.accepted())
          .as("%s: upload answered %s %s", file.getFileName(), answer.httpStatus(), answer)
          .isTrue();
      assertThat(answer.uploads()).as("%s: uploads in the answer", file.getFileName()).hasSize(1);
      ids.add(answer.uploads().get(0).id());
    }
    for (UploadState state : awaitFinal(ids, timeout)) {
      assertThat(state.status())
          .as("upload %s (%s): %s", state.id(), state.fileName(), state)
          .isEqualTo(UploadState.RECONCILED);
    }
    List<String> rejected = new ArrayList<>();
    for (String id : ids) {
      rejected.add(gateway.rejectedCsv(id));
    }
    return new Results(gateway.ordersCsv(), gateway.summary(), gateway.money(), rejected);
  }
}
