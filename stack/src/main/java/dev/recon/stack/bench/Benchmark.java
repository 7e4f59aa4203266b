package dev.recon.stack.bench;

import dev.recon.stack.GatewayClient;
import dev.recon.stack.Ports;
import dev.recon.stack.Service;
import dev.recon.stack.Stack;
import dev.recon.stack.StackOptions;
import dev.recon.stack.UploadAnswer;
import dev.recon.stack.UploadState;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One benchmark run: generate (or reuse) the reports, start a fresh stack, upload them over HTTP
 * and follow them to RECONCILED while sampling every stage, check the results against what the
 * generator knows, time a small upload on the idle stack, then measure the broker's produce ceiling
 * and the floor of the pipeline's hops; last, time a seller's month on a fresh stack of the
 * launcher's settings. Progress goes to {@code log}; the measurements are the answer.
 */
final class Benchmark {
  private static final Duration UPLOAD_POLL = Duration.ofMillis(100);
  private static final Duration SMALL_UPLOAD_POLL = Duration.ofMillis(25);
  private static final Duration STAGE_SAMPLE = Duration.ofMillis(200);
  private static final Duration HEAP_SAMPLE = Duration.ofSeconds(1);
  // the sink commits its offsets just after the rows that made the upload RECONCILED
  private static final Duration SETTLE = Duration.ofSeconds(2);
  // after start-up, before the upload (Settling)
  private static final Duration LONGEST_WAIT_FOR_QUIET = Duration.ofMinutes(2);

  /** Groups of threads the CPU table lists by name: enough to show where the time goes. */
  private static final int BUSIEST_THREADS = 12;

  private static final String JAVA_OPTS = "RECON_SERVICE_JAVA_OPTS";

  /**
   * C2 with the inlining limits of JDK 13 (JDK 14 raised the depth from 9 to 15), and only for code
   * run ten times as often as by default. On two cores the optimising compilers of four JVMs took
   * over a third of the CPU for minutes, compiling the deep call chains of Kafka Streams and the
   * Kafka clients into 50-100 KB methods, and start-up and warm code that never paid for it. With
   * the inlining limits a 200,000-order run used 13 % less CPU in all; with the thresholds the JVMs
   * (PostgreSQL aside) used 24 % less again, the compilers 53 s against 122 s.
   */
  static final List<String> THROUGHPUT_JIT =
      List.of(
          "-XX:MaxInlineLevel=9",
          "-XX:InlineSmallCode=1000",
          "-XX:Tier4InvocationThreshold=50000",
          "-XX:Tier4MinInvocationThreshold=6000",
          "-XX:Tier4CompileThreshold=150000",
          "-XX:Tier4BackEdgeThreshold=400000");

  private final BenchOptions options;
  private final PrintStream log;
  private final List<String> problems = new ArrayList<>();

  Benchmark(BenchOptions options, PrintStream log) {
    this.options = options;
    this.log = log;
  }

  BenchResult run() throws IOException, InterruptedException {
    String machine = Machine.describe();
    Path data = options.dataDir().toAbsolutePath().normalize();
    log.printf(
        "Generating %,d orders (seed %d, %s)...%n",
        options.orders(), options.seed(), options.format().extension());
    GeneratedReports reports =
        GeneratedReports.prepare(
            data.resolve("files"), options.orders(), options.seed(), options.format());
    ExpectedResults expected = reports.expected();
    log.printf(
        "  %,d MTR + %,d payment rows, %,d bytes%s%n",
        expected.mtrRows(),
        expected.paymentRows(),
        reports.bytes(),
        reports.generationTime().isZero()
            ? " (reused from " + reports.mtr().getParent() + ")"
            : String.format(" in %.1f s", BenchResult.seconds(reports.generationTime())));
    Measured measured = new Measured();
    try {
      measure(data, reports, measured);
      if (options.monthOrders() > 0) {
        measured.sellerMonth =
            SellerMonthProbe.measure(
                data, options.monthOrders(), ReportFormat.CSV, options.keep(), problems, log);
      }
    } catch (IOException
        | ExecutionException
        | TimeoutException
        | SQLException
        | RuntimeException e) {
      // whatever went wrong, scripts still get their BENCH line, saying correct=false
      problems.add("the run failed: " + e);
    } finally {
      if (!options.keep()) {
        reports.delete();
      }
    }
    return new BenchResult(
        machine,
        options,
        expected.rows(),
        expected.mtrRows(),
        expected.paymentRows(),
        measured.bytes,
        reports.generationTime().isZero()
            ? Optional.empty()
            : Optional.of(reports.generationTime()),
        Optional.ofNullable(measured.startup),
        Optional.ofNullable(measured.settling),
        Optional.ofNullable(measured.transfer),
        Optional.ofNullable(measured.endToEnd),
        measured.stages,
        Optional.ofNullable(measured.latencies),
        Optional.ofNullable(measured.smallUpload),
        measured.memory,
        Runtime.getRuntime().availableProcessors(),
        measured.cpu.processes(),
        measured.cpu.busiestThreads(),
        Optional.ofNullable(measured.ceiling),
        measured.floor,
        Optional.ofNullable(measured.readModel),
        Optional.ofNullable(measured.sellerMonth),
        List.copyOf(problems));
  }

  /** What {@link #measure} got before it finished or failed. */
  private static final class Measured {
    long bytes;
    Duration startup;
    Duration settling;
    Duration transfer;
    Duration endToEnd;
    List<BenchResult.Stage> stages = List.of();
    ReadLatencyProbe.Latencies latencies;
    BenchResult.SmallUpload smallUpload;
    List<BenchResult.Memory> memory = List.of();
    CpuMeter.Usage cpu = CpuMeter.Usage.NONE;
    CeilingProbe.Ceiling ceiling;
    List<FloorProbe.Stage> floor = List.of();
    ReadModelProbe.ReadModel readModel;
    BenchResult.SellerMonth sellerMonth;
  }

  private void measure(Path data, GeneratedReports reports, Measured measured)
      throws IOException, InterruptedException, ExecutionException, TimeoutException, SQLException {
    measured.bytes = reports.bytes();
    Path stackDir = data.resolve("stack");
    // totals only match on an empty pipeline: every run starts from nothing
    Directories.delete(stackDir);
    Map<String, String> javaOpts = new HashMap<>();
    Optional.ofNullable(System.getenv(JAVA_OPTS)).ifPresent(v -> javaOpts.put(JAVA_OPTS, v));
    StackOptions stackOptions =
        StackOptions.defaults(stackDir)
            .withEnvironment(javaOpts)
            .withGatewayPort(options.gatewayPort() == 0 ? Ports.free() : options.gatewayPort())
            .withServiceHeap(options.serviceHeap());
    if (System.getenv(JAVA_OPTS) == null) {
      // With C2 (the local stack runs C1 only, to start fast): a throughput run is long enough
      // for the optimising compiler to pay for itself.
      List<String> jvmArgs = new ArrayList<>();
      jvmArgs.add("-Xmx" + options.serviceHeap());
      jvmArgs.addAll(THROUGHPUT_JIT);
      stackOptions = stackOptions.withServiceJvmArgs(jvmArgs);
    }
    log.println("Starting a fresh stack (logs in " + stackDir.resolve("logs") + ")...");
    Stack stack = Stack.prepare(stackOptions, new PrintStream(OutputStream.nullOutputStream()));
    Thread stopper = new Thread(stack::close, "recon-bench-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
    try {
      stack.bringUp();
      measured.startup = stack.startupTime();
      log.printf(
          "  up in %.1f s at %s%n", BenchResult.seconds(measured.startup), stack.gatewayUrl());
      List<ResourceSampler.Watched> watched = new ArrayList<>();
      for (Service service : Service.values()) {
        watched.add(
            new ResourceSampler.Watched(
                service.shortName(),
                stack.servicePid(service),
                OptionalLong.of(stack.servicePort(service))));
      }
      watched.add(
          new ResourceSampler.Watched(
              "launcher (broker, bench)", ProcessHandle.current().pid(), OptionalLong.empty()));
      ResourceSampler resources = new ResourceSampler(watched);
      measured.settling =
          Settling.await(
              watched.stream().map(ResourceSampler.Watched::pid).toList(), LONGEST_WAIT_FOR_QUIET);
      log.printf("  quiet %.1f s later%n", BenchResult.seconds(measured.settling));
      List<CpuMeter.Watched> cpuWatched = new ArrayList<>();
      for (ResourceSampler.Watched process : watched) {
        cpuWatched.add(new CpuMeter.Watched(process.name(), process.pid(), false));
      }
      stack
          .postgresPid()
          .ifPresent(pid -> cpuWatched.add(new CpuMeter.Watched("postgres", pid, true)));
      if (pipeline(stack, reports, resources, cpuWatched, measured)) {
        verify(stack, reports.expected());
        measured.smallUpload = smallUpload(stack, data);
      }
      measured.memory = memory(resources);
      long rows = reports.expected().rows();
      log.printf(
          "Measuring the ceiling: producing %,d records into the same broker...%n",
          CeilingProbe.records(rows));
      // the services (first in cpuWatched) are idle from here: the probes run in the launcher
      List<CpuMeter.Watched> launcherAndPostgres =
          cpuWatched.subList(Service.values().length, cpuWatched.size());
      measured.ceiling =
          CeilingProbe.measure(stack.kafkaBootstrapServers(), rows, launcherAndPostgres);
      log.printf(
          "Measuring the floor: %,d records through each hop with no business logic...%n",
          measured.ceiling.inTopic());
      measured.floor = new ArrayList<>(List.of(measured.ceiling.asFloorStage()));
      measured.floor.addAll(
          new FloorProbe(
                  stack.kafkaBootstrapServers(),
                  stack.database(),
                  stackDir.resolve("floor-state"),
                  launcherAndPostgres)
              .measure(
                  measured.ceiling.inTopic(),
                  measured.ceiling.inTopic() - measured.ceiling.records()));
      Optional<CpuMeter.Watched> postgres =
          cpuWatched.stream().filter(CpuMeter.Watched::withDescendants).findFirst();
      if (postgres.isPresent()) {
        log.println("Measuring what the read model's indexes add to an order row's write...");
        measured.readModel = ReadModelProbe.measure(stack.database(), postgres.get());
      }
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(stopper);
      } catch (IllegalStateException shuttingDown) {
        // the hook is stopping the stack already
      }
      stack.close();
    }
  }

  /** Uploads both files at once and follows them; false when they did not reach the end. */
  private boolean pipeline(
      Stack stack,
      GeneratedReports reports,
      ResourceSampler resources,
      List<CpuMeter.Watched> cpuWatched,
      Measured measured)
      throws IOException, InterruptedException {
    GatewayClient gateway = new GatewayClient(stack.gatewayUrl());
    ScheduledExecutorService samplers = Executors.newScheduledThreadPool(2);
    try (StageSampler stages = new StageSampler(stack.kafkaBootstrapServers())) {
      stages.sample();
      samplers.scheduleWithFixedDelay(
          () -> quietly(stages::sample), 0, STAGE_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
      samplers.scheduleWithFixedDelay(
          () -> quietly(resources::sample), 0, HEAP_SAMPLE.toMillis(), TimeUnit.MILLISECONDS);
      ReadLatencyProbe reads = new ReadLatencyProbe(stack.gatewayUrl());
      log.println("Uploading over HTTP and following the pipeline...");
      CpuMeter cpu = CpuMeter.start(cpuWatched);
      long began = System.nanoTime();
      reads.start();
      UploadAnswer answer = gateway.upload(reports.files(), Optional.empty());
      long sent = System.nanoTime();
      measured.transfer = Duration.ofNanos(sent - began);
      if (!answer.accepted() || answer.uploads().size() != 2) {
        problems.add("the gateway refused the upload: " + answer);
        measured.latencies = reads.stop();
        return false;
      }
      Map<String, UploadState> latest = new LinkedHashMap<>();
      answer.uploads().forEach(u -> latest.put(u.id(), u));
      long deadline = sent + options.timeout().toNanos();
      long lastReport = sent;
      while (latest.values().stream().anyMatch(u -> !u.isFinal())) {
        if (System.nanoTime() > deadline) {
          problems.add("not reconciled within " + options.timeout().toSeconds() + " s: " + latest);
          measured.latencies = reads.stop();
          return false;
        }
        stack.checkAlive();
        Thread.sleep(UPLOAD_POLL.toMillis());
        for (String id : List.copyOf(latest.keySet())) {
          latest.put(id, gateway.upload(id));
        }
        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(10)) {
          lastReport = System.nanoTime();
          log.printf("  %5.0f s  %s%n", (lastReport - began) / 1e9, progress(latest.values()));
        }
      }
      long done = System.nanoTime();
      measured.cpu = cpu.stop(BUSIEST_THREADS);
      measured.endToEnd = Duration.ofNanos(done - began);
      measured.latencies = reads.stop();
      log.printf("  done in %.1f s: %s%n", (done - began) / 1e9, progress(latest.values()));
      Thread.sleep(SETTLE.toMillis());
      samplers.shutdownNow();
      samplers.awaitTermination(10, TimeUnit.SECONDS);
      stages.sample();
      measured.stages = stages(stages.windows(), began);
      boolean allReconciled = true;
      for (UploadState upload : latest.values()) {
        if (!upload.isReconciled()) {
          problems.add(upload.fileName() + " ended " + upload.status() + ": " + upload.error());
          allReconciled = false;
        }
        long rows =
            upload.fileName().startsWith(ReportLayout.MTR.fileStem())
                ? reports.expected().mtrRows()
                : reports.expected().paymentRows();
        if (upload.rowsPublished() == null || upload.rowsPublished() != rows) {
          problems.add(
              upload.fileName() + ": " + upload.rowsPublished() + " rows published, not " + rows);
        }
      }
      return allReconciled;
    } finally {
      samplers.shutdownNow();
    }
  }

  private void verify(Stack stack, ExpectedResults expected)
      throws IOException, InterruptedException {
    GatewayClient gateway = new GatewayClient(stack.gatewayUrl());
    for (String difference : expected.differences(gateway.summary())) {
      problems.add("summary: " + difference);
    }
  }

  /** A small upload on the idle stack, from its last byte to RECONCILED. */
  private BenchResult.SmallUpload smallUpload(Stack stack, Path data)
      throws IOException, InterruptedException {
    GeneratedReports small =
        GeneratedReports.prepare(
            data.resolve("files"), options.probeOrders(), options.seed() + 1, options.format());
    // compactions and commits of the big upload would otherwise be timed with it
    Thread.sleep(SETTLE.toMillis());
    GatewayClient gateway = new GatewayClient(stack.gatewayUrl());
    UploadAnswer answer = gateway.upload(small.files(), Optional.empty());
    long sent = System.nanoTime();
    if (!answer.accepted()) {
      problems.add("the gateway refused the small upload: " + answer);
      return null;
    }
    List<String> ids = answer.uploads().stream().map(UploadState::id).toList();
    long deadline = sent + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      List<UploadState> states = new ArrayList<>();
      for (String id : ids) {
        states.add(gateway.upload(id));
      }
      if (states.stream().allMatch(UploadState::isFinal)) {
        long done = System.nanoTime();
        for (UploadState state : states) {
          if (!state.isReconciled()) {
            problems.add("small upload " + state.fileName() + " ended " + state.status());
          }
        }
        return new BenchResult.SmallUpload(
            options.probeOrders(), small.expected().rows(), Duration.ofNanos(done - sent));
      }
      Thread.sleep(SMALL_UPLOAD_POLL.toMillis());
    }
    problems.add("the small upload was not reconciled within 2 minutes");
    return null;
  }

  private static List<BenchResult.Stage> stages(List<StageSampler.Window> windows, long began) {
    List<BenchResult.Stage> stages = new ArrayList<>();
    for (StageSampler.Window window : windows) {
      if (window.moved()) {
        stages.add(
            new BenchResult.Stage(
                window.stage().label(),
                window.records(),
                Duration.ofNanos(Math.max(0, window.startNanos() - began)),
                Duration.ofNanos(window.endNanos() - began)));
      }
    }
    return stages;
  }

  private static List<BenchResult.Memory> memory(ResourceSampler resources) {
    List<BenchResult.Memory> memory = new ArrayList<>();
    List<ResourceSampler.Watched> watched = resources.watched();
    for (int i = 0; i < watched.size(); i++) {
      ResourceSampler.Watched process = watched.get(i);
      long heap = resources.peakHeap(i);
      memory.add(
          new BenchResult.Memory(
              process.name(),
              process.actuatorPort().isPresent() && heap > 0
                  ? OptionalLong.of(heap)
                  : OptionalLong.empty(),
              ResourceSampler.peakRss(process.pid())));
    }
    return memory;
  }

  private static String progress(Iterable<UploadState> uploads) {
    List<String> parts = new ArrayList<>();
    for (UploadState upload : uploads) {
      String progress = upload.progress() == null ? "" : " " + upload.progress();
      parts.add(upload.fileName() + " " + upload.status() + progress);
    }
    return String.join("; ", parts);
  }

  @FunctionalInterface
  private interface Sampling {
    void sample() throws InterruptedException;
  }

  /** A sampler's failure must not end its schedule, and an interrupt is how it is stopped. */
  private static void quietly(Sampling sampling) {
    try {
      sampling.sample();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      // one lost sample; the next one is due shortly
    }
  }
}
