package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmallDatasetIT {
  private static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("small");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void reconcilesToTheExpectedOrdersSummaryAndRejectedRows(@TempDir Path scratch) throws Exception {
    Dataset dataset = Dataset.named("small");
    Results results =
        new UploadClient(stack).reconcile(dataset.inputs(scratch), Duration.ofMinutes(3));
    ResultComparison.assertMatches(dataset, results);
  }

  /** The CLI end to end, and SPEC §4: uploading the same files again changes no result. */
  @Test
  @Order(2)
  void theUploadCommandFollowsAReuploadToTheEndAndNothingChanges(@TempDir Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named("small");
    List<String> command =
        new ArrayList<>(List.of("upload", "--url", stack.gatewayUrl().toString()));
    dataset.inputs(scratch).forEach(file -> command.add(file.toString()));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit = Recon.run(command, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("mtr.xlsx (mtr)  RECONCILED", "Summary", "Totals");
    GatewayClient gateway = new GatewayClient(stack.gatewayUrl());
    assertThat(ResultComparison.orders(dataset.expectedOrdersCsv(), gateway.ordersCsv())).isEmpty();
    assertThat(ResultComparison.summary(dataset.expectedSummary(), gateway.summary())).isEmpty();
  }
}
