package dev.recon.stack.bench;

import dev.recon.stack.GatewayClient;
import dev.recon.stack.Ports;
import dev.recon.stack.UploadAnswer;
import dev.recon.stack.UploadState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A seller's month as a user meets it: a freshly started {@code ./recon up} in a JVM of its own
 * with the launcher's default options (cold JVMs, the broker's included) once its processes are
 * quiet after starting, both reports of the month sent in one upload as {@code ./recon upload}
 * sends them, timed from the first byte to both RECONCILED, and the summary checked against the
 * generator's expectations.
 */
final class SellerMonthProbe {
  /** The month: {@code gen_reports.py --orders 10000 --seed 1}. */
  private static final long SEED = 1;

  private static final Duration POLL = Duration.ofMillis(25);
  private static final Duration LONGEST = Duration.ofMinutes(5);
  private static final Duration LONGEST_WAIT_FOR_QUIET = Duration.ofMinutes(1);

  private SellerMonthProbe() {}

  static BenchResult.SellerMonth measure(
      Path data,
      int orders,
      ReportFormat format,
      boolean keep,
      List<String> problems,
      PrintStream log)
      throws IOException, InterruptedException {
    GeneratedReports month = GeneratedReports.prepare(data.resolve("files"), orders, SEED, format);
    Path stackDir = data.resolve("month-stack");
    Directories.delete(stackDir);
    log.printf(
        "Timing a seller's month: %,d orders (%,d rows) on a fresh stack of the launcher's"
            + " settings...%n",
        orders, month.expected().rows());
    try (LauncherProcess launcher = LauncherProcess.up(stackDir, Ports.free())) {
      // as the bench's own run: a user picks the files while the JVMs finish compiling start-up
      Duration quiet = Settling.await(launcher.pids(), LONGEST_WAIT_FOR_QUIET);
      log.printf("  up, quiet %.1f s later%n", BenchResult.seconds(quiet));
      GatewayClient gateway = new GatewayClient(launcher.gatewayUrl());
      long began = System.nanoTime();
      UploadAnswer answer = gateway.upload(month.files(), Optional.empty());
      if (!answer.accepted()) {
        problems.add("the gateway refused the month's upload: " + answer);
        return null;
      }
      List<String> ids = answer.uploads().stream().map(UploadState::id).toList();
      long deadline = began + LONGEST.toNanos();
      while (System.nanoTime() < deadline) {
        List<UploadState> states = new ArrayList<>();
        for (String id : ids) {
          states.add(gateway.upload(id));
        }
        if (states.stream().allMatch(UploadState::isFinal)) {
          Duration took = Duration.ofNanos(System.nanoTime() - began);
          int before = problems.size();
          for (UploadState state : states) {
            if (!state.isReconciled()) {
              problems.add("the month's " + state.fileName() + " ended " + state.status());
            }
          }
          for (String difference : month.expected().differences(gateway.summary())) {
            problems.add("the month's summary: " + difference);
          }
          log.printf("  RECONCILED in %.2f s%n", BenchResult.seconds(took));
          return new BenchResult.SellerMonth(
              orders, month.expected().rows(), took, problems.size() == before);
        }
        Thread.sleep(POLL.toMillis());
      }
      problems.add("the month was not reconciled within " + LONGEST.toSeconds() + " s");
      return null;
    } finally {
      if (!keep) {
        month.delete();
      }
    }
  }
}
