package dev.recon.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Pattern;

/**
 * {@code recon up}: the whole pipeline in the foreground until Ctrl-C, which stops it in order
 * (services, then broker, then PostgreSQL).
 */
public final class UpCommand {
  /** What the launcher prints once the whole stack is healthy. */
  public static final String UP = "Settlement Reconciler is up";

  static final String USAGE =
      "recon up [--port 8080] [--data-dir ./.recon-data] [--kafka-port N] [--postgres-port N]"
          + " [--service-heap 512m]";
  private static final Set<String> OPTIONS =
      Set.of("port", "data-dir", "kafka-port", "postgres-port", "service-heap");
  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]?");

  private final PrintStream out;

  UpCommand(PrintStream out) {
    this.out = out;
  }

  int run(List<String> arguments) throws IOException, InterruptedException {
    Args args = Args.parse(arguments, OPTIONS);
    if (!args.positional().isEmpty()) {
      throw new Args.UsageException("up takes no arguments, only options: " + args.positional());
    }
    StackOptions options =
        StackOptions.defaults(Path.of(args.text("data-dir").orElse(".recon-data")))
            .withEnvironment(System.getenv())
            .withGatewayPort(args.port("port", StackOptions.DEFAULT_GATEWAY_PORT))
            .withKafkaPort(args.port("kafka-port", 0))
            .withPostgresPort(args.port("postgres-port", 0));
    Optional<String> heap = args.text("service-heap");
    if (heap.isPresent()) {
      if (!HEAP.matcher(heap.get()).matches()) {
        throw new Args.UsageException(
            "--service-heap must look like 512m or 1g, not " + heap.get());
      }
      options = options.withServiceHeap(heap.get());
    }

    Stack stack = Stack.prepare(options, out);
    CountDownLatch stopped = new CountDownLatch(1);
    Thread stopper =
        new Thread(
            () -> {
              out.println("Stopping the stack...");
              try {
                stack.close();
                out.println("Stopped.");
              } catch (StackException e) {
                e.printStackTrace(out);
              } finally {
                stopped.countDown();
              }
            },
            "recon-shutdown");
    Runtime.getRuntime().addShutdownHook(stopper);
    out.println(
        "Starting "
            + (options.externalKafka().isPresent() ? "" : "Kafka, ")
            + (options.externalDatabase().isPresent() ? "" : "PostgreSQL, ")
            + "ingest, transform and merge (data in "
            + options.dataDir()
            + ")...");
    try {
      stack.bringUp();
    } catch (IOException | InterruptedException | RuntimeException e) {
      // a failed start has stopped what it started: nothing is left for the hook to say
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is what made the start fail, and it is running already
      }
      throw e;
    }
    banner(stack);
    stopped.await();
    return 0;
  }

  private void banner(Stack stack) {
    StackOptions options = stack.options();
    Path data = options.dataDir();
    String url = stack.gatewayUrl().toString();
    String urlOption =
        options.gatewayPort() == StackOptions.DEFAULT_GATEWAY_PORT ? "" : " --url " + url;
    String bar = "=".repeat(78);
    out.println(bar);
    out.printf(
        Locale.ROOT, " " + UP + " (started in %.1f s)%n", stack.startupTime().toMillis() / 1000.0);
    out.println("   Gateway     " + url + "   (API under /api, e.g. " + url + "/api/summary)");
    out.println(
        "   Kafka       "
            + stack.kafkaBootstrapServers()
            + (stack.ownsKafka() ? "   (KRaft broker in this process)" : "   (external)"));
    out.println(
        "   PostgreSQL  "
            + stack.database().url()
            + "   user "
            + stack.database().user()
            + (stack.ownsDatabase() ? "" : "   (external)"));
    out.println(
        "   Services    ingest :"
            + stack.servicePort(Service.INGEST)
            + ", transform :"
            + stack.servicePort(Service.TRANSFORM)
            + ", merge :"
            + stack.servicePort(Service.MERGE)
            + "   (GET /actuator/health)");
    out.println("   Data dir    " + data);
    out.println("   Logs        " + data.resolve("logs") + "/<service>.log");
    out.println(" Upload reports (MTR and payment; CSV, XLSX, XLS or ZIP) from another terminal:");
    out.println("   ./recon upload" + urlOption + " mtr.csv payment.csv");
    out.println("   ./recon upload" + urlOption + " --kind payment settlement-report.xlsx");
    out.println(
        " Rebuild every result from the topics (admin calls need the API token, kept in "
            + data.resolve("api-token")
            + "):");
    out.println(
        "   ./recon replay"
            + urlOption
            + (data.equals(Path.of(".recon-data")) ? "" : " --data-dir " + data));
    out.println(
        "   curl -X POST -H \"Authorization: Bearer $(cat "
            + data.resolve("api-token")
            + ")\" "
            + url
            + "/api/admin/replays");
    out.println(" Stop with Ctrl-C.");
    out.println(bar);
  }
}
