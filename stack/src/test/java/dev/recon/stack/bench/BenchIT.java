package dev.recon.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code recon bench} end to end on a small generated set: a real broker, PostgreSQL and the three
 * services, uploads over HTTP, and the summary checked against the generator's expectations; then a
 * small seller's month on a fresh stack of the launcher's settings.
 */
class BenchIT {

  @Test
  void aSmallRunReconcilesToTheGeneratorsExpectationsAndEndsWithItsBenchLine() throws Exception {
    Path data = Path.of("target", "bench-it").toAbsolutePath();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    int exit =
        new BenchCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(
                List.of(
                    "--orders",
                    "500",
                    "--seed",
                    "42",
                    "--month-orders",
                    "300",
                    "--data-dir",
                    data.toString()));

    String printed = out.toString(StandardCharsets.UTF_8);
    List<String> lines = printed.strip().lines().toList();
    assertThat(exit).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
    assertThat(lines.get(lines.size() - 2))
        .matches("MONTH orders=300 rows=\\d+ seconds=\\d+\\.\\d{3} correct=true");
    assertThat(lines.get(lines.size() - 1))
        .matches(
            "BENCH rows=\\d+ seconds=\\d+\\.\\d{3} rows_per_s=\\d+ ceiling_rows_per_s=[1-9]\\d*"
                + " ratio=\\d+\\.\\d{4} floor_rows_per_s=[1-9]\\d* floor_ratio=0\\.\\d{4}"
                + " correct=true");
    assertThat(printed)
        .contains("parse+publish", "transform", "merge", "sink", "end to end", "peak RSS")
        .containsPattern("\\n  postgres +\\d+\\.\\d +\\d+\\.\\d\\n")
        .containsPattern("\\n  all of them +\\d+\\.\\d +\\d+\\.\\d\\n")
        .contains("the busiest threads of the JVMs")
        .containsPattern(
            "\\n    (ingest|transform|merge|launcher \\(broker, bench\\)): \\S.* +\\d+\\.\\d +\\d+\\.\\d\\n")
        .containsPattern(
            "(?m)^  (exactly-once pass|exactly-once store|sink) .*? +[1-9][\\d,]* +\\d+\\.\\d +[\\d,]+"
                + " +\\d+\\.\\d$")
        .contains("exactly-once pass", "exactly-once store", "sink (upsert into PostgreSQL)")
        .containsPattern("\\n  all hops +\\d+\\.\\d\\n")
        .containsPattern("any pipeline of these hops: at most [\\d,]+ rows/s on \\d+ cores")
        .containsPattern("read model: results.orders with its \\d+ indexes")
        .containsPattern("\\n  key only +[\\d,]+ +\\d+\\.\\d\\n")
        .containsPattern("\\n  every index \\(\\d+\\) +[\\d,]+ +\\d+\\.\\d\\n")
        .containsPattern("the run wrote [1-9][\\d,]* order rows \\(\\d\\.\\d\\d per row\\)")
        .containsPattern("the floor and they: \\d+\\.\\d us per row, at most [\\d,]+ rows/s")
        .containsPattern("end to end >= half the floor's rate +[\\d,]+ of [\\d,]+ rows/s")
        .containsPattern("a month of 300 orders, fresh stack: RECONCILED <= 3 s +\\d+\\.\\d\\d s");
  }
}
