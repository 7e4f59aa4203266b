package dev.recon.stack.bench;

import java.io.Closeable;
import java.io.IOException;

/** Where generated report rows go, one at a time: a 1M-order report never sits in memory. */
interface ReportSink extends Closeable {

  /** One data row laid out as its {@link ReportLayout} says. */
  void add(Object[] row) throws IOException;
}
