package dev.recon.stack.bench;

import dev.recon.stack.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

/**
 * A generated MTR and payment report with what the pipeline must make of them, kept in a directory
 * of their own per orders, seed and format, so that a rerun takes them as they are. The expected
 * results file is written last: a directory without it is an interrupted generation and is made
 * again.
 *
 * @param generationTime zero when the files were already there
 */
record GeneratedReports(Path mtr, Path payment, ExpectedResults expected, Duration generationTime) {

  /** Part of the directory name, so that files of an older generator are never taken. */
  private static final String GENERATOR_VERSION = "g1";

  private static final String EXPECTED = "expected.json";

  /** The reports for {@code orders} and {@code seed} under {@code cacheDir}, made if missing. */
  static GeneratedReports prepare(Path cacheDir, int orders, long seed, ReportFormat format)
      throws IOException {
    Path dir =
        cacheDir.resolve(
            GENERATOR_VERSION + "-orders-" + orders + "-seed-" + seed + "-" + format.extension());
    Path mtr = dir.resolve(ReportLayout.MTR.fileStem() + "." + format.extension());
    Path payment = dir.resolve(ReportLayout.PAYMENT.fileStem() + "." + format.extension());
    Path expectedFile = dir.resolve(EXPECTED);
    if (Files.isRegularFile(expectedFile)
        && Files.isRegularFile(mtr)
        && Files.isRegularFile(payment)) {
      try (InputStream in = Files.newInputStream(expectedFile)) {
        return new GeneratedReports(
            mtr, payment, Json.MAPPER.readValue(in, ExpectedResults.class), Duration.ZERO);
      }
    }
    Directories.delete(dir);
    Files.createDirectories(dir);
    long began = System.nanoTime();
    ExpectedResults expected;
    try (ReportSink mtrSink = format.open(ReportLayout.MTR, mtr);
        ReportSink paymentSink = format.open(ReportLayout.PAYMENT, payment)) {
      expected = ReportGenerator.generate(orders, seed, mtrSink, paymentSink);
    }
    Path partial = dir.resolve(EXPECTED + ".part");
    try (OutputStream out = Files.newOutputStream(partial)) {
      Json.MAPPER.writerWithDefaultPrettyPrinter().writeValue(out, expected);
    }
    Files.move(partial, expectedFile, StandardCopyOption.ATOMIC_MOVE);
    return new GeneratedReports(
        mtr, payment, expected, Duration.ofNanos(System.nanoTime() - began));
  }

  List<Path> files() {
    return List.of(mtr, payment);
  }

  long bytes() throws IOException {
    return Files.size(mtr) + Files.size(payment);
  }

  /** Removes the files (and their directory). */
  void delete() throws IOException {
    Directories.delete(mtr.getParent());
  }
}
