package dev.recon.benchmarks;

import dev.recon.contracts.EventSerde;
import dev.recon.contracts.JsonSerde;
import dev.recon.contracts.Line;
import dev.recon.contracts.LineEvent;
import dev.recon.contracts.OrderResult;
import dev.recon.contracts.RawEvent;
import dev.recon.contracts.RawRow;
import dev.recon.contracts.ReportKind;
import dev.recon.contracts.ToleranceBands;
import dev.recon.contracts.line.ContentHash;
import dev.recon.contracts.line.LineIdentity;
import dev.recon.ingest.parse.ParseLimits;
import dev.recon.ingest.parse.ReportFile;
import dev.recon.ingest.parse.ReportReader;
import dev.recon.ingest.parse.ReportRow;
import dev.recon.ingest.parse.synthetic.SyntheticReports;
import dev.recon.merge.order.OrderRules;
import dev.recon.merge.order.OrderTotals;
import dev.recon.transform.normalise.LineNormaliser;
import dev.recon.transform.normalise.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serde;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-line business code of each stage on realistic rows (read from generated reports, so the
 * values vary as in a real file): the gateway's line identity, the transform's normalising, the
 * merge's order rules, and each row's way onto a topic and off it again (the events' binary form,
 * and JSON for comparison). Each operation handles every prepared row once; the score is rows (or
 * orders) per second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = LineBenchmark.QUIET_POI)
public class LineBenchmark {

  static final int ROWS = 1_000;

  /** POI logs through Log4j's API; without a provider it complains once per fork. */
  static final String QUIET_POI =
      "-Dlog4j2.loggerContextFactory=org.apache.logging.log4j.simple.SimpleLoggerContextFactory";

  private final LineNormaliser normaliser = new LineNormaliser();
  private final ToleranceBands bands = ToleranceBands.defaults();
  private final List<RawRow> mtrRows = new ArrayList<>();
  private final List<RawRow> paymentRows = new ArrayList<>();
  private final List<Line> paymentLines = new ArrayList<>();

  /** Orders of one Shipment line and one to three payment lines, as most real orders are. */
  private final List<Order> orders = new ArrayList<>();

  record Order(String orderId, List<Line> mtrLines, List<Line> paymentLines) {
    Line last() {
      return paymentLines.get(paymentLines.size() - 1);
    }
  }

  @Setup(Level.Trial)
  public void readRows() throws Exception {
    Path directory = Files.createTempDirectory("recon-benchmark-");
    Path mtr = directory.resolve("mtr.csv");
    Path payment = directory.resolve("payment.csv");
    try {
      SyntheticReports.writeMtrCsv(mtr, ROWS);
      SyntheticReports.writePaymentCsv(payment, ROWS);
      read(mtr, "mtr.csv", mtrRows);
      read(payment, "payment.csv", paymentRows);
    } finally {
      Files.deleteIfExists(mtr);
      Files.deleteIfExists(payment);
      Files.deleteIfExists(directory);
    }
    List<Line> keptPayments = new ArrayList<>();
    for (RawRow row : paymentRows) {
      if (normaliser.normalise(row) instanceof Outcome.Kept kept) {
        keptPayments.add(kept.line());
      }
    }
    for (int i = 0; i < ROWS; i++) {
      paymentLines.add(keptPayments.get(i % keptPayments.size()));
    }
    List<Line> shipments = kept(mtrRows, "Shipment");
    List<Line> payments = kept(paymentRows, "Payment");
    for (int i = 0; i < ROWS && !shipments.isEmpty(); i++) {
      Line shipment = shipments.get(i % shipments.size());
      List<Line> paid = new ArrayList<>();
      for (int p = 0; p <= i % 3; p++) {
        paid.add(payments.get((i * 3 + p) % payments.size()));
      }
      orders.add(new Order(shipment.orderId(), List.of(shipment), paid));
    }
  }

  private static void read(Path file, String name, List<RawRow> into) throws Exception {
    try (ReportFile report = new ReportReader(ParseLimits.defaults()).open(file, name, null)) {
      for (ReportRow row = report.next(); row != null; row = report.next()) {
        String lineId =
            LineIdentity.lineId(LineIdentity.contentHash(report.kind(), row.values()), 0);
        into.add(new RawRow(1L, report.kind(), name, row.rowNumber(), lineId, row.values()));
      }
    }
  }

  private List<Line> kept(List<RawRow> rows, String transactionType) {
    List<Line> lines = new ArrayList<>();
    for (RawRow row : rows) {
      if (normaliser.normalise(row) instanceof Outcome.Kept kept
          && kept.line().transactionType().equals(transactionType)
          && !kept.line().isNonOrderCharge()) {
        lines.add(kept.line());
      }
    }
    return lines;
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void lineIdentityMtr(Blackhole ids) {
    for (RawRow row : mtrRows) {
      ContentHash hash = LineIdentity.contentHash(ReportKind.MTR, row.values());
      ids.consume(LineIdentity.lineId(hash, 0));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void lineIdentityPayment(Blackhole ids) {
    for (RawRow row : paymentRows) {
      ContentHash hash = LineIdentity.contentHash(ReportKind.PAYMENT, row.values());
      ids.consume(LineIdentity.lineId(hash, 0));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void normaliseMtr(Blackhole outcomes) {
    for (RawRow row : mtrRows) {
      outcomes.consume(normaliser.normalise(row));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void normalisePayment(Blackhole outcomes) {
    for (RawRow row : paymentRows) {
      outcomes.consume(normaliser.normalise(row));
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void orderRules(Blackhole results) {
    for (Order order : orders) {
      OrderTotals totals = OrderTotals.NONE;
      for (Line line : order.mtrLines()) {
        totals = totals.with(line);
      }
      for (Line line : order.paymentLines()) {
        totals = totals.with(line);
      }
      OrderResult result = OrderRules.evaluate(order.orderId(), totals, order.last(), bands);
      results.consume(result);
    }
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void rawRowEventMtr(Blackhole rows) {
    roundTrip(new EventSerde<>(RawEvent.class), mtrRows, rows);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void rawRowEventMtrAsJson(Blackhole rows) {
    roundTrip(new JsonSerde<>(RawEvent.class), mtrRows, rows);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void lineEventPayment(Blackhole lines) {
    roundTrip(new EventSerde<>(LineEvent.class), paymentLines, lines);
  }

  @Benchmark
  @OperationsPerInvocation(ROWS)
  public void lineEventPaymentAsJson(Blackhole lines) {
    roundTrip(new JsonSerde<>(LineEvent.class), paymentLines, lines);
  }

  /** Written as a producer does and read back as a consumer does. */
  private static <T> void roundTrip(Serde<T> serde, List<? extends T> events, Blackhole read) {
    var serializer = serde.serializer();
    var deserializer = serde.deserializer();
    for (T event : events) {
      read.consume(deserializer.deserialize("topic", serializer.serialize("topic", event)));
    }
  }
}
