package dev.recon.ingest.parse;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;

/**
 * Reads one report through {@link ReportReader} and prints how many data rows it has, how fast it
 * read them and the most heap the JVM used; exits 0 when the report was read, 1 otherwise. The
 * child process of {@link LargeReportsIT}, which runs it with a small heap.
 */
public final class RowCounter {

  private RowCounter() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: RowCounter FILE NAME");
      System.exit(2);
    }
    try {
      long start = System.nanoTime();
      long rows = 0;
      String kind;
      try (ReportFile report =
          new ReportReader(ParseLimits.defaults()).open(Path.of(args[0]), args[1], null)) {
        kind = report.kind().id() + " " + report.format();
        for (ReportRow row = report.next(); row != null; row = report.next()) {
          rows++;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "rows=%d%nkind=%s%nseconds=%.2f%nrowsPerSecond=%.0f%npeakHeapMiB=%d%nmaxHeapMiB=%d%n",
          rows,
          kind,
          seconds,
          rows / seconds,
          peakHeapBytes() >> 20,
          Runtime.getRuntime().maxMemory() >> 20);
      System.exit(0);
    } catch (Exception | Error e) {
      e.printStackTrace();
      System.exit(1);
    }
  }

  /** The sum of the heap pools' peaks: at most what the heap ever held. */
  private static long peakHeapBytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
