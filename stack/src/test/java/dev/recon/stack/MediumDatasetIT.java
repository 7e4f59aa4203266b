package dev.recon.stack;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediumDatasetIT {
  private static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("medium");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void reconcilesToTheExpectedOrdersSummaryAndRejectedRows(@TempDir Path scratch) throws Exception {
    Dataset dataset = Dataset.named("medium");
    Results results =
        new UploadClient(stack).reconcile(dataset.inputs(scratch), Duration.ofMinutes(20));
    ResultComparison.assertMatches(dataset, results);
  }
}
