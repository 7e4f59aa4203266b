package dev.recon.ingest.parse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.ingest.parse.synthetic.SyntheticReports;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with the report: a 2,000,000-row CSV and a 500,000-row XLSX (its text in a
 * shared string table of 1.5 million entries) are read by the gateway's reader in a JVM of 256 MiB
 * of heap. The reports are written to disk as streams, then a child JVM with {@code -Xmx256m}
 * counts their rows with {@link RowCounter}: it must end normally and find every row.
 */
class LargeReportsIT {

  private static final String HEAP = "-Xmx256m";

  @TempDir Path directory;

  @Test
  void aTwoMillionRowPaymentCsvIsReadIn256MibOfHeap() throws Exception {
    Path csv = directory.resolve("payment.csv");
    SyntheticReports.writePaymentCsv(csv, 2_000_000);

    assertThat(countRowsInSmallHeap(csv, "payment.csv"))
        .contains("rows=2000000", "kind=payment csv");
  }

  @Test
  void aFiveHundredThousandRowMtrXlsxIsReadIn256MibOfHeap() throws Exception {
    Path xlsx = directory.resolve("mtr.xlsx");
    SyntheticReports.writeMtrXlsx(xlsx, 500_000, 1);

    assertThat(countRowsInSmallHeap(xlsx, "mtr.xlsx")).contains("rows=500000", "kind=mtr xlsx");
  }

  /** The child's output lines; it must have exited 0. */
  private List<String> countRowsInSmallHeap(Path report, String name)
      throws IOException, InterruptedException {
    Path output = directory.resolve(name + ".out");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP,
                "-cp",
                System.getProperty("java.class.path"),
                RowCounter.class.getName(),
                report.toString(),
                name)
            .redirectErrorStream(true)
            .redirectOutput(output.toFile())
            .start();
    boolean ended = child.waitFor(5, TimeUnit.MINUTES);
    if (!ended) {
      child.destroyForcibly().waitFor();
    }
    List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
    // The child's report (rows, rows per second, peak heap) in this test's output.
    System.out.println(name + " " + Files.size(report) + " bytes: " + String.join(", ", lines));
    assertThat(ended).as("the child ended within 5 minutes").isTrue();
    assertThat(child.exitValue()).as("exit code; output: %s", lines).isZero();
    return lines;
  }
}
