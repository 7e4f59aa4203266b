package dev.recon.stack.bench;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Prints a run as a readable table and, last, the one {@code BENCH} line scripts read. A stage's
 * rows/s is the upload's rows over the stage's busy window, so that stages compare with each other
 * and with the end-to-end figure.
 */
final class BenchReport {
  private static final double TARGET_FLOOR_RATIO = 0.5;
  private static final double TARGET_XLSX_PUBLISH_ROWS_PER_SECOND = 40_000;
  private static final Duration TARGET_SMALL_UPLOAD = Duration.ofSeconds(2);
  private static final Duration TARGET_SELLER_MONTH = Duration.ofSeconds(3);
  private static final double TARGET_READ_P95_MILLIS = 200;
  private static final double MIB = 1024.0 * 1024.0;

  private final PrintStream out;

  BenchReport(PrintStream out) {
    this.out = out;
  }

  void print(BenchResult r) {
    BenchOptions o = r.options();
    out.println();
    out.println("Settlement Reconciler benchmark");
    out.println("  machine  " + r.machine());
    out.printf(
        Locale.ROOT,
        "  data     %,d orders (seed %d, %s): %,d MTR + %,d payment rows = %,d rows, %.1f MB%s%n",
        o.orders(),
        o.seed(),
        o.format().extension(),
        r.mtrRows(),
        r.paymentRows(),
        r.rows(),
        r.uploadBytes() / 1e6,
        r.generated()
            .map(g -> String.format(Locale.ROOT, ", generated in %.1f s", s(g)))
            .orElse(", reused"));
    r.startup()
        .ifPresent(
            d ->
                out.printf(
                    Locale.ROOT,
                    "  stack    up in %.1f s, quiet %.1f s later; services -Xmx%s%n",
                    s(d),
                    s(r.settling().orElse(Duration.ZERO)),
                    o.serviceHeap()));
    out.println();
    out.println("  Pipeline: upload over HTTP -> RECONCILED (times from the first byte sent)");
    out.printf(
        Locale.ROOT,
        "  %-15s %12s %8s %8s %8s %10s%n",
        "stage",
        "records",
        "from s",
        "to s",
        "busy s",
        "rows/s");
    r.transfer()
        .ifPresent(
            t ->
                out.printf(
                    Locale.ROOT,
                    "  %-15s %12s %8.1f %8.1f %8.1f %10s  (%.0f MB/s)%n",
                    "HTTP upload",
                    "-",
                    0.0,
                    s(t),
                    s(t),
                    "-",
                    r.uploadBytes() / 1e6 / s(t)));
    for (BenchResult.Stage stage : r.stages()) {
      out.printf(
          Locale.ROOT,
          "  %-15s %,12d %8.1f %8.1f %8.1f %,10.0f%n",
          stage.label(),
          stage.records(),
          s(stage.from()),
          s(stage.to()),
          s(stage.busy()),
          perSecond(r.rows(), stage.busy()));
    }
    r.endToEnd()
        .ifPresent(
            e ->
                out.printf(
                    Locale.ROOT,
                    "  %-15s %,12d %8.1f %8.1f %8.1f %,10.0f%n",
                    "end to end",
                    r.rows(),
                    0.0,
                    s(e),
                    s(e),
                    r.rowsPerSecond()));
    r.lastByteToReconciled()
        .ifPresent(
            d -> out.printf(Locale.ROOT, "  last byte uploaded -> RECONCILED: %.1f s%n", s(d)));
    r.smallUpload()
        .ifPresent(
            u ->
                out.printf(
                    Locale.ROOT,
                    "  small upload (%d orders, %d rows) on the idle stack: last byte -> RECONCILED"
                        + " %.2f s%n",
                    u.orders(),
                    u.rows(),
                    s(u.lastByteToReconciled())));
    r.readLatency()
        .ifPresent(
            l ->
                out.printf(
                    Locale.ROOT,
                    "  read API while processing (GET %s): %d requests, p50 %.0f ms, p95 %.0f ms,"
                        + " max %.0f ms, %d failed%n",
                    ReadLatencyProbe.PAGE,
                    l.millis().size(),
                    l.percentile(50),
                    l.percentile(95),
                    l.percentile(100),
                    l.failures()));
    if (!r.memory().isEmpty()) {
      out.println();
      out.printf(Locale.ROOT, "  %-26s %14s %10s%n", "memory", "peak heap", "peak RSS");
      for (BenchResult.Memory m : r.memory()) {
        out.printf(
            Locale.ROOT,
            "  %-26s %14s %10s%n",
            m.process(),
            mib(m.peakHeapBytes()),
            mib(m.peakRssBytes()));
      }
      out.println("  (heap: highest of 1 s samples of jvm.memory.used; RSS: the kernel's VmHWM)");
    }
    cpu(r);
    r.ceiling()
        .ifPresent(
            c -> {
              out.println();
              out.printf(
                  Locale.ROOT,
                  "  ceiling: one producer with the gateway's settings, same broker, one"
                      + " transaction:%n  %,d records of %.0f B on average in %.1f s = %,.0f"
                      + " records/s; pipeline / ceiling = %.3f%n",
                  c.records(),
                  c.averageBytes(),
                  s(c.took()),
                  c.recordsPerSecond(),
                  ratio(r));
            });
    floor(r);
    readModel(r);
    targets(r);
    out.println();
    if (r.correct()) {
      out.println(
          "  correct: both files RECONCILED with every row published; the summary (categories,"
              + " tolerance, totals, non-order charges) equals the generator's expectations");
    } else {
      out.println("  NOT CORRECT:");
      r.problems().stream().limit(30).forEach(p -> out.println("    " + p));
    }
    r.sellerMonth().ifPresent(month -> out.println(monthLine(month)));
    out.println(benchLine(r));
  }

  /**
   * Each process's CPU over the upload, per row, and how busy that kept the machine: a pipeline
   * that used every core's time is bound by its CPU per row, not by waiting.
   */
  private void cpu(BenchResult r) {
    if (r.cpu().isEmpty() || r.endToEnd().isEmpty()) {
      return;
    }
    out.println();
    out.printf(
        Locale.ROOT, "  %-44s %10s %10s%n", "CPU, first byte -> RECONCILED", "CPU s", "us per row");
    for (BenchResult.Cpu process : r.cpu()) {
      cpuLine(process.process(), process.used(), r.rows());
    }
    Duration all = BenchResult.Cpu.total(r.cpu());
    cpuLine("all of them", all, r.rows());
    double available = r.cores() * s(r.endToEnd().get());
    out.printf(
        Locale.ROOT,
        "  (of %d cores x %.1f s = %.1f s: the machine was %.0f %% busy with the stack)%n",
        r.cores(),
        s(r.endToEnd().get()),
        available,
        100 * s(all) / available);
    if (!r.busiestThreads().isEmpty()) {
      out.println("  the busiest threads of the JVMs (kernel names, digits as #):");
      for (BenchResult.ThreadCpu thread : r.busiestThreads()) {
        cpuLine("  " + thread.process() + ": " + thread.thread(), thread.used(), r.rows());
      }
    }
  }

  /**
   * The hops with no business logic and what they cost: their CPU per record summed is the least
   * any pipeline of these hops can use per row, so the cores over it bound its rate on this
   * machine.
   */
  private void floor(BenchResult r) {
    if (r.floor().isEmpty()) {
      return;
    }
    out.println();
    out.println(
        "  floor: the pipeline's hops with no business logic, one at a time over the ceiling's"
            + " records");
    out.println(
        "  (CPU of the launcher, which hosts the broker and runs the hop, and of PostgreSQL;");
    out.println("  each hop metered after the same warm-up as the ceiling)");
    out.printf(
        Locale.ROOT,
        "  %-38s %12s %8s %10s %12s%n",
        "hop",
        "records",
        "s",
        "records/s",
        "CPU us/rec");
    for (FloorProbe.Stage stage : r.floor()) {
      out.printf(
          Locale.ROOT,
          "  %-38s %,12d %8.1f %,10.0f %12.1f%n",
          stage.label(),
          stage.records(),
          s(stage.took()),
          perSecond(stage.records(), stage.took()),
          stage.cpuMicrosPerRecord());
    }
    out.printf(Locale.ROOT, "  %-71s %12.1f%n", "all hops", r.floorMicrosPerRecord());
    double all = s(BenchResult.Cpu.total(r.cpu()));
    out.printf(
        Locale.ROOT,
        "  any pipeline of these hops: at most %,.0f rows/s on %d cores; this one used %.1f us of"
            + " CPU per row%n",
        r.floorRowsPerSecond(),
        r.cores(),
        all * 1e6 / Math.max(r.rows(), 1));
  }

  /**
   * What the read model's indexes add to each order row written, and the rate the floor and they
   * together leave: the part of PostgreSQL's work that no pipeline writing this read model avoids.
   */
  private void readModel(BenchResult r) {
    if (r.readModel().isEmpty()) {
      return;
    }
    ReadModelProbe.ReadModel m = r.readModel().get();
    out.println();
    out.printf(
        Locale.ROOT,
        "  read model: results.orders with its %d indexes (the read API's sorts, filters and"
            + " search)%n  against its key alone, the run's first %,d orders inserted, then"
            + " updated, one statement each%n  (CPU of PostgreSQL)%n",
        m.indexes(),
        m.sampled());
    out.printf(Locale.ROOT, "  %-38s %12s %31s%n", "table", "writes", "CPU us/write");
    out.printf(
        Locale.ROOT, "  %-38s %,12d %31.1f%n", "key only", m.writes(), m.keyOnlyMicrosPerWrite());
    out.printf(
        Locale.ROOT,
        "  %-38s %,12d %31.1f%n",
        "every index (" + m.indexes() + ")",
        m.writes(),
        m.indexedMicrosPerWrite());
    double floorAndIndexes = r.floorAndReadModelMicrosPerRow();
    out.printf(
        Locale.ROOT,
        "  the run wrote %,d order rows (%.2f per row): the indexes cost at least %.1f us per"
            + " row;%n  the floor and they: %.1f us per row, at most %,.0f rows/s on %d cores%n",
        m.orderWrites(),
        m.orderWritesPerRow(r.rows()),
        m.indexMicrosPerRow(r.rows()),
        floorAndIndexes,
        r.rowsPerSecondOnEveryCore(floorAndIndexes),
        r.cores());
  }

  private void cpuLine(String process, Duration used, long rows) {
    out.printf(
        Locale.ROOT,
        "  %-44s %10.1f %10.1f%n",
        process,
        s(used),
        s(used) * 1e6 / Math.max(rows, 1));
  }

  /**
   * {@code BENCH rows=... seconds=... rows_per_s=... ceiling_rows_per_s=... ratio=...
   * floor_rows_per_s=... floor_ratio=... correct=...}
   */
  static String benchLine(BenchResult r) {
    return String.format(
        Locale.ROOT,
        "BENCH rows=%d seconds=%.3f rows_per_s=%.0f ceiling_rows_per_s=%.0f ratio=%.4f"
            + " floor_rows_per_s=%.0f floor_ratio=%.4f correct=%s",
        r.rows(),
        r.endToEnd().map(BenchReport::s).orElse(0.0),
        r.rowsPerSecond(),
        r.ceilingRowsPerSecond(),
        ratio(r),
        r.floorRowsPerSecond(),
        r.floorRatio(),
        r.correct());
  }

  /** {@code MONTH orders=... rows=... seconds=... correct=...} */
  static String monthLine(BenchResult.SellerMonth month) {
    return String.format(
        Locale.ROOT,
        "MONTH orders=%d rows=%d seconds=%.3f correct=%s",
        month.orders(),
        month.rows(),
        s(month.firstByteToReconciled()),
        month.correct());
  }

  private void targets(BenchResult r) {
    out.println();
    out.println("  targets (issues 5 and 18)");
    boolean csv = r.options().format() == ReportFormat.CSV;
    target(
        "end to end >= half the floor's rate" + (csv ? "" : " (set for CSV)"),
        String.format(
            Locale.ROOT, "%,.0f of %,.0f rows/s", r.rowsPerSecond(), r.floorRowsPerSecond()),
        r.endToEnd().isPresent() && r.floorRowsPerSecond() > 0
            ? r.floorRatio() >= TARGET_FLOOR_RATIO
            : null);
    r.readModel()
        .filter(m -> r.floorMicrosPerRecord() > 0)
        .ifPresent(
            m ->
                out.printf(
                    Locale.ROOT,
                    "      (half the floor's rate leaves %.1f us of CPU per row; the read model's"
                        + " indexes alone take %.1f)%n",
                    r.floorMicrosPerRecord() / TARGET_FLOOR_RATIO,
                    m.indexMicrosPerRow(r.rows())));
    if (!csv) {
      r.stages().stream()
          .filter(st -> st.label().equals(PipelineStage.PARSE_PUBLISH.label()))
          .findFirst()
          .ifPresent(
              st -> {
                double rate = perSecond(r.rows(), st.busy());
                target(
                    "XLSX parse+publish >= 40,000 rows/s",
                    String.format(Locale.ROOT, "%,.0f rows/s", rate),
                    rate >= TARGET_XLSX_PUBLISH_ROWS_PER_SECOND);
              });
    }
    r.smallUpload()
        .ifPresent(
            u ->
                target(
                    "small upload RECONCILED <= 2 s after its last byte",
                    String.format(Locale.ROOT, "%.2f s", s(u.lastByteToReconciled())),
                    u.lastByteToReconciled().compareTo(TARGET_SMALL_UPLOAD) <= 0));
    r.sellerMonth()
        .ifPresent(
            month ->
                target(
                    String.format(
                        Locale.ROOT,
                        "a month of %,d orders, fresh stack: RECONCILED <= 3 s",
                        month.orders()),
                    String.format(Locale.ROOT, "%.2f s", s(month.firstByteToReconciled())),
                    month.firstByteToReconciled().compareTo(TARGET_SELLER_MONTH) <= 0));
    r.readLatency()
        .filter(l -> !l.millis().isEmpty())
        .ifPresent(
            l ->
                target(
                    "read API p95 < 200 ms while processing",
                    String.format(Locale.ROOT, "%.0f ms", l.percentile(95)),
                    l.percentile(95) < TARGET_READ_P95_MILLIS));
    if (r.rows() < 2_000_000) {
      out.println("    (the throughput target is set for 1,000,000 orders; this run is smaller)");
    }
  }

  private void target(String what, String measured, Boolean met) {
    String verdict = met == null ? "n/a" : met ? "met" : "MISSED";
    out.printf(Locale.ROOT, "    %-52s %16s  %s%n", what, measured, verdict);
  }

  private static double ratio(BenchResult r) {
    double ceiling = r.ceilingRowsPerSecond();
    return ceiling > 0 ? r.rowsPerSecond() / ceiling : 0;
  }

  private static double perSecond(long rows, Duration busy) {
    return rows / Math.max(s(busy), 1e-3);
  }

  private static String mib(OptionalLong bytes) {
    return bytes.isPresent()
        ? String.format(Locale.ROOT, "%,.0f MiB", bytes.getAsLong() / MIB)
        : "n/a";
  }

  private static double s(Duration duration) {
    return BenchResult.seconds(duration);
  }
}
