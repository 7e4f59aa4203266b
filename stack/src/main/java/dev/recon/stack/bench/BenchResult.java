package dev.recon.stack.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything one benchmark run measured. A part that could not be measured (the run failed before
 * it) is empty; {@code problems} then says why.
 *
 * @param rows data rows uploaded (MTR and payment)
 * @param uploadBytes bytes of the two files
 * @param generated time spent generating the files; empty when they were reused
 * @param startup from starting the stack until every service reported UP
 * @param settling from UP until the stack's processes were quiet (see {@link Settling})
 * @param transfer from the first byte of the upload until the gateway answered it
 * @param endToEnd from the first byte of the upload until both files were RECONCILED
 * @param stages each stage's busy window, from the first byte of the upload
 * @param readLatency the read API while the upload was processed
 * @param smallUpload last byte of a small upload to RECONCILED on the idle stack
 * @param cores the processors the machine gives the processes
 * @param cpu the CPU time each process used from the first byte of the upload to RECONCILED; empty
 *     where the operating system does not tell
 * @param busiestThreads the groups of threads that used the most CPU in that window
 * @param ceiling the broker's produce ceiling
 * @param floor the pipeline's hops with no business logic, the ceiling's produce first
 * @param readModel what the read model's indexes add to each order row written
 * @param sellerMonth a seller's month on a fresh stack of the launcher's settings
 * @param problems every way the run was wrong or incomplete; empty for a correct run
 */
record BenchResult(
    String machine,
    BenchOptions options,
    long rows,
    long mtrRows,
    long paymentRows,
    long uploadBytes,
    Optional<Duration> generated,
    Optional<Duration> startup,
    Optional<Duration> settling,
    Optional<Duration> transfer,
    Optional<Duration> endToEnd,
    List<Stage> stages,
    Optional<ReadLatencyProbe.Latencies> readLatency,
    Optional<SmallUpload> smallUpload,
    List<Memory> memory,
    int cores,
    List<Cpu> cpu,
    List<ThreadCpu> busiestThreads,
    Optional<CeilingProbe.Ceiling> ceiling,
    List<FloorProbe.Stage> floor,
    Optional<ReadModelProbe.ReadModel> readModel,
    Optional<SellerMonth> sellerMonth,
    List<String> problems) {

  /**
   * @param records how far the stage's Kafka position moved (its input records, with the markers
   *     and transaction markers among them)
   * @param from when it first moved, after the first byte of the upload
   * @param to when it reached its final position
   */
  record Stage(String label, long records, Duration from, Duration to) {
    Duration busy() {
      return to.minus(from);
    }
  }

  record SmallUpload(int orders, long rows, Duration lastByteToReconciled) {}

  /** A seller's month on a fresh stack of the launcher's settings: first byte to RECONCILED. */
  record SellerMonth(int orders, long rows, Duration firstByteToReconciled, boolean correct) {}

  /** A process's peak heap in use (sampled; empty for the launcher) and peak resident set. */
  record Memory(String process, OptionalLong peakHeapBytes, OptionalLong peakRssBytes) {}

  record Cpu(String process, Duration used) {
    static Duration total(List<Cpu> processes) {
      return processes.stream().map(Cpu::used).reduce(Duration.ZERO, Duration::plus);
    }
  }

  /** A group of one process's threads of the same name, digits aside (a pool counts as one). */
  record ThreadCpu(String process, String thread, Duration used) {}

  boolean correct() {
    return problems.isEmpty();
  }

  /** The last byte was sent when the gateway answered the upload request. */
  Optional<Duration> lastByteToReconciled() {
    return endToEnd.flatMap(e -> transfer.map(e::minus));
  }

  double rowsPerSecond() {
    return endToEnd.map(e -> rows / seconds(e)).orElse(0.0);
  }

  double ceilingRowsPerSecond() {
    return ceiling.map(CeilingProbe.Ceiling::recordsPerSecond).orElse(0.0);
  }

  /** The floor's hops' CPU per record, summed: the least any pipeline of them uses per row. */
  double floorMicrosPerRecord() {
    return floor.stream().mapToDouble(FloorProbe.Stage::cpuMicrosPerRecord).sum();
  }

  /** The rate at which the floor's hops alone would keep every core busy; 0 when not measured. */
  double floorRowsPerSecond() {
    return rowsPerSecondOnEveryCore(floorMicrosPerRecord());
  }

  /** The floor and what the read model's indexes add to it, per row; 0 when not measured. */
  double floorAndReadModelMicrosPerRow() {
    return readModel.map(m -> floorMicrosPerRecord() + m.indexMicrosPerRow(rows)).orElse(0.0);
  }

  /** The rate at which a pipeline of that cost per row would keep every core busy. */
  double rowsPerSecondOnEveryCore(double microsPerRow) {
    return microsPerRow > 0 ? cores * 1e6 / microsPerRow : 0;
  }

  /** The pipeline's rate over its floor's: 0.5 means twice the floor's CPU per row. */
  double floorRatio() {
    double floorRate = floorRowsPerSecond();
    return floorRate > 0 ? rowsPerSecond() / floorRate : 0;
  }

  static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
