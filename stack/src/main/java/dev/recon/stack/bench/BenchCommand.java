package dev.recon.stack.bench;

import dev.recon.contracts.ToleranceBands;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code recon bench}: the shipped benchmark. Generates realistic reports with known expected
 * results, runs them through a fresh local stack over HTTP, measures every stage, the machine's CPU
 * and memory use, the broker's ceiling and the floor of the pipeline's hops, checks the results,
 * and prints as its last line {@code BENCH rows=... seconds=... rows_per_s=...
 * ceiling_rows_per_s=... ratio=... correct=...}. Exits 0 for a correct run, 1 for a wrong or failed
 * one, 2 for a bad command line.
 */
public final class BenchCommand {
  public static final String USAGE = BenchOptions.USAGE;
  // the services inherit the environment; the generator's expectations use SPEC's default bands
  private static final String BANDS = "RECON_TOLERANCE_BANDS";

  private final PrintStream out;
  private final PrintStream err;

  public BenchCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public int run(List<String> arguments) throws IOException, InterruptedException {
    BenchOptions options;
    try {
      options = BenchOptions.parse(arguments);
      String bands = System.getenv(BANDS);
      if (bands != null
          && !bands.isBlank()
          && !ToleranceBands.parse(bands).toString().equals(ToleranceBands.DEFAULT)) {
        throw new IllegalArgumentException(
            BANDS + " is set: the benchmark's expected results assume the default bands");
      }
    } catch (IllegalArgumentException e) {
      err.println("recon: " + e.getMessage());
      err.println("usage: " + USAGE);
      return 2;
    }
    BenchResult result = new Benchmark(options, out).run();
    new BenchReport(out).print(result);
    return result.correct() ? 0 : 1;
  }
}
