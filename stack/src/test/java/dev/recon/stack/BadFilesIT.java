package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BadFilesIT {
  private static Stack stack;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("bad-files");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  void eachFileIsRefusedWholeWithItsReasonAndNothingIsReconciled(@TempDir Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named("bad-files");
    Map<String, String> codes = expectedCodes(dataset);
    UploadClient client = new UploadClient(stack);
    SoftAssertions softly = new SoftAssertions();
    for (Path file : dataset.inputs(scratch)) {
      String name = file.getFileName().toString();
      String code = codes.get(name);
      UploadAnswer answer = client.upload(file);
      if (answer.accepted()) {
        UploadState state =
            client.awaitFinal(List.of(answer.uploads().get(0).id()), Duration.ofMinutes(1)).get(0);
        softly.assertThat(state.status()).as("%s: %s", name, state).isEqualTo(UploadState.REJECTED);
        softly.assertThat(state.error()).as("%s: error", name).startsWith(code);
      } else {
        softly.assertThat(answer.httpStatus()).as("%s: %s", name, answer).isBetween(400, 499);
        List<String> errors = new ArrayList<>();
        errors.add(answer.error());
        answer.uploads().forEach(u -> errors.add(u.error()));
        softly
            .assertThat(errors)
            .as("%s: errors of %s", name, answer)
            .anyMatch(e -> e != null && e.startsWith(code));
      }
    }
    softly.assertAll();

    GatewayClient gateway = client.gateway();
    assertThat(ResultComparison.orders(dataset.expectedOrdersCsv(), gateway.ordersCsv())).isEmpty();
    assertThat(ResultComparison.summary(dataset.expectedSummary(), gateway.summary())).isEmpty();
  }

  @Test
  void theUploadCommandExitsNonZeroAndShowsWhy() throws Exception {
    Path pdf = Dataset.named("bad-files").dir().resolve("inputs").resolve("report.pdf");
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit =
        Recon.run(
            List.of("upload", "--url", stack.gatewayUrl().toString(), pdf.toString()),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);

    assertThat(exit).isEqualTo(1);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("FILE_UNSUPPORTED_FORMAT");
  }

  /** File name to the reason code (before the colon) in expected/rejected.csv. */
  private static Map<String, String> expectedCodes(Dataset dataset) {
    Map<String, String> codes = new HashMap<>();
    List<List<String>> rows = Csv.parse(dataset.expectedRejectedCsv());
    for (List<String> row : rows.subList(1, rows.size())) {
      if (!row.isEmpty()) {
        codes.put(row.get(0), row.get(2).split(":", -1)[0].strip());
      }
    }
    return codes;
  }
}
