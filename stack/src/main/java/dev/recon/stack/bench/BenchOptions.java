package dev.recon.stack.bench;

import dev.recon.stack.StackOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * How {@code recon bench} runs.
 *
 * @param orders orders to generate (the MTR and payment rows are about 1.3 times as many each)
 * @param format the format the reports are generated and uploaded in
 * @param seed the generator's seed
 * @param dataDir generated reports (by orders, seed and format) and the stack of the last run
 * @param keep keep the generated reports for the next run instead of deleting them
 * @param gatewayPort the gateway's port; 0 for any free one
 * @param serviceHeap {@code -Xmx} of each service
 * @param timeout how long the upload may take to be reconciled
 * @param probeOrders orders of the small upload timed on the idle stack after the big one
 * @param monthOrders orders of the seller's month timed on a fresh stack of the launcher's own
 *     settings after the run (generated with seed 1, as the files); 0 skips it
 */
record BenchOptions(
    int orders,
    ReportFormat format,
    long seed,
    Path dataDir,
    boolean keep,
    int gatewayPort,
    String serviceHeap,
    Duration timeout,
    int probeOrders,
    int monthOrders) {

  static final String USAGE =
      "recon bench [--orders 1000000] [--format csv|xlsx] [--seed 1] [--keep]"
          + " [--data-dir ./.recon-data/bench] [--port N] [--service-heap 512m]"
          + " [--timeout SECONDS] [--month-orders 10000]";

  private static final Set<String> VALUED =
      Set.of(
          "orders",
          "format",
          "seed",
          "data-dir",
          "port",
          "service-heap",
          "timeout",
          "month-orders");
  private static final Set<String> FLAGS = Set.of("keep");
  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");
  private static final int DEFAULT_ORDERS = 1_000_000;
  private static final long DEFAULT_TIMEOUT_SECONDS = 3 * 3600;
  private static final int PROBE_ORDERS = 100;
  private static final int MONTH_ORDERS = 10_000;

  /** Parses the arguments after {@code bench}; a bad one is an IllegalArgumentException. */
  static BenchOptions parse(List<String> args) {
    Map<String, String> values = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("bench takes only options, not " + arg);
      }
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
      String value;
      if (FLAGS.contains(name) && eq < 0) {
        value = "true";
      } else if (!VALUED.contains(name)) {
        throw new IllegalArgumentException("unknown option --" + name);
      } else if (eq >= 0) {
        value = arg.substring(eq + 1);
      } else if (i + 1 < args.size()) {
        value = args.get(++i);
      } else {
        throw new IllegalArgumentException("--" + name + " needs a value");
      }
      if (values.put(name, value) != null) {
        throw new IllegalArgumentException("--" + name + " given twice");
      }
    }
    String heap = values.getOrDefault("service-heap", StackOptions.DEFAULT_SERVICE_HEAP);
    if (!HEAP.matcher(heap).matches()) {
      throw new IllegalArgumentException("--service-heap must look like 512m or 1g, not " + heap);
    }
    int port = (int) number(values, "port", 0, 0, 65_535);
    return new BenchOptions(
        (int) number(values, "orders", DEFAULT_ORDERS, 1, 10_000_000),
        ReportFormat.parse(values.getOrDefault("format", "csv")),
        number(values, "seed", 1, Long.MIN_VALUE, Long.MAX_VALUE),
        Path.of(values.getOrDefault("data-dir", ".recon-data/bench")),
        Boolean.parseBoolean(values.getOrDefault("keep", "false")),
        port,
        heap,
        Duration.ofSeconds(number(values, "timeout", DEFAULT_TIMEOUT_SECONDS, 1, Long.MAX_VALUE)),
        PROBE_ORDERS,
        (int) number(values, "month-orders", MONTH_ORDERS, 0, 10_000_000));
  }

  private static long number(
      Map<String, String> values, String name, long otherwise, long min, long max) {
    String text = values.get(name);
    if (text == null) {
      return otherwise;
    }
    try {
      long value = Long.parseLong(text.replace("_", "").replace(",", ""));
      if (value < min || value > max) {
        throw new IllegalArgumentException(
            "--" + name + " must be from " + min + " to " + max + ", not " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number, not " + text, e);
    }
  }
}
