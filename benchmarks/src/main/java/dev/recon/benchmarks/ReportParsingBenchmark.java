package dev.recon.benchmarks;

import dev.recon.contracts.ReportKind;
import dev.recon.contracts.line.ContentHash;
import dev.recon.contracts.line.LineIdentity;
import dev.recon.contracts.line.OccurrenceCounter;
import dev.recon.ingest.parse.FileRejectedException;
import dev.recon.ingest.parse.ParseLimits;
import dev.recon.ingest.parse.ReportFile;
import dev.recon.ingest.parse.ReportReader;
import dev.recon.ingest.parse.ReportRow;
import dev.recon.ingest.parse.synthetic.SyntheticReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Whole reports through the gateway's reader, as an upload is read: the score is rows per second
 * (one operation is one row). The files are written once per run by {@link SyntheticReports} in the
 * layout of Amazon's reports: an MTR CSV, a payment CSV with its quoted preamble, and an MTR XLSX
 * with its text in the shared string table.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx1g", LineBenchmark.QUIET_POI})
public class ReportParsingBenchmark {

  static final int CSV_ROWS = 200_000;
  static final int XLSX_ROWS = 50_000;

  private final ReportReader reader = new ReportReader(ParseLimits.defaults());
  private Path directory;
  private Path mtrCsv;
  private Path paymentCsv;
  private Path mtrXlsx;

  @Setup(Level.Trial)
  public void writeReports() throws IOException {
    directory = Files.createTempDirectory("recon-benchmark-");
    mtrCsv = directory.resolve("mtr.csv");
    paymentCsv = directory.resolve("payment.csv");
    mtrXlsx = directory.resolve("mtr.xlsx");
    SyntheticReports.writeMtrCsv(mtrCsv, CSV_ROWS);
    SyntheticReports.writePaymentCsv(paymentCsv, CSV_ROWS);
    SyntheticReports.writeMtrXlsx(mtrXlsx, XLSX_ROWS, 6);
  }

  @TearDown(Level.Trial)
  public void deleteReports() throws IOException {
    for (Path file : new Path[] {mtrCsv, paymentCsv, mtrXlsx, directory}) {
      Files.deleteIfExists(file);
    }
  }

  @Benchmark
  @OperationsPerInvocation(CSV_ROWS)
  public long csvMtr(Blackhole rows) throws Exception {
    return readAll(mtrCsv, "mtr.csv", rows, CSV_ROWS);
  }

  @Benchmark
  @OperationsPerInvocation(CSV_ROWS)
  public long csvPayment(Blackhole rows) throws Exception {
    return readAll(paymentCsv, "payment.csv", rows, CSV_ROWS);
  }

  @Benchmark
  @OperationsPerInvocation(XLSX_ROWS)
  public long xlsxMtr(Blackhole rows) throws Exception {
    return readAll(mtrXlsx, "mtr.xlsx", rows, XLSX_ROWS);
  }

  /**
   * The gateway's own work per row besides Kafka: reading it, then its line identity (SPEC §4), as
   * {@code UploadPublisher} does before it sends the row.
   */
  @Benchmark
  @OperationsPerInvocation(XLSX_ROWS)
  public long xlsxMtrWithLineIdentity(Blackhole ids) throws Exception {
    return readWithIdentities(mtrXlsx, "mtr.xlsx", ids, XLSX_ROWS);
  }

  @Benchmark
  @OperationsPerInvocation(CSV_ROWS)
  public long csvMtrWithLineIdentity(Blackhole ids) throws Exception {
    return readWithIdentities(mtrCsv, "mtr.csv", ids, CSV_ROWS);
  }

  private long readAll(Path file, String name, Blackhole sink, int expected)
      throws IOException, FileRejectedException {
    long count = 0;
    try (ReportFile report = reader.open(file, name, null)) {
      for (ReportRow row = report.next(); row != null; row = report.next()) {
        sink.consume(row);
        count++;
      }
    }
    return checked(count, expected);
  }

  private long readWithIdentities(Path file, String name, Blackhole sink, int expected)
      throws IOException, FileRejectedException {
    long count = 0;
    OccurrenceCounter occurrences = new OccurrenceCounter();
    try (ReportFile report = reader.open(file, name, null)) {
      ReportKind kind = report.kind();
      for (ReportRow row = report.next(); row != null; row = report.next()) {
        ContentHash hash = LineIdentity.contentHash(kind, row.values());
        sink.consume(LineIdentity.lineId(hash, occurrences.next(hash)));
        count++;
      }
    }
    return checked(count, expected);
  }

  private static long checked(long count, int expected) {
    if (count != expected) {
      throw new IllegalStateException("read " + count + " rows, not " + expected);
    }
    return count;
  }
}
