package dev.recon.stack.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The benchmark's generated CSV reports, for end-to-end tests outside this package.
 *
 * @param mtr the MTR report
 * @param payment the payment report
 * @param mtrRows the MTR report's data rows
 * @param paymentRows the payment report's data rows
 */
public record LargeReports(Path mtr, Path payment, long mtrRows, long paymentRows) {

  /**
   * The reports of {@code orders} orders, generated under {@code cacheDir} unless already there.
   */
  public static LargeReports csv(Path cacheDir, int orders, long seed) throws IOException {
    GeneratedReports reports = GeneratedReports.prepare(cacheDir, orders, seed, ReportFormat.CSV);
    return new LargeReports(
        reports.mtr(),
        reports.payment(),
        reports.expected().mtrRows(),
        reports.expected().paymentRows());
  }
}
