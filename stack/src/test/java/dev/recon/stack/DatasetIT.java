package dev.recon.stack;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each shared dataset through the whole system, on a stack of its own (totals only match when a
 * dataset is reconciled alone): every input uploaded through HTTP, then the export, summary and
 * rejected rows compared with its expected/. {@code small} has its own class, with a re-upload.
 */
class DatasetIT {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"edge", "medium"})
  void reconcilesToTheExpectedOrdersSummaryAndRejectedRows(String name, @TempDir Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named(name);
    try (Stack stack = LocalStack.start(name)) {
      Results results =
          new UploadClient(stack).reconcile(dataset.inputs(scratch), Duration.ofMinutes(20));
      ResultComparison.assertMatches(dataset, results);
    }
  }
}
