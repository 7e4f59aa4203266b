package dev.recon.stack;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EdgeDatasetIT {
  private static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("edge");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void reconcilesToTheExpectedOrdersSummaryAndRejectedRows(@TempDir Path scratch) throws Exception {
    Dataset dataset = Dataset.named("edge");
    Results results =
        new UploadClient(stack).reconcile(dataset.inputs(scratch), Duration.ofMinutes(3));
    ResultComparison.assertMatches(dataset, results);
  }
}
