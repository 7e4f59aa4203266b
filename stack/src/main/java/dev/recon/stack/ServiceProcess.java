package dev.recon.stack;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One service jar running as a child process. Its output goes, line by line, to its log file and to
 * the console behind a {@code [name] } prefix; the last lines are kept to explain a failure.
 */
final class ServiceProcess {
  private static final int TAIL_LINES = 40;

  private final Service service;
  private final int port;
  private final Process process;
  private final Path logFile;
  private final Launch launch;
  private final Deque<String> tail = new ArrayDeque<>();
  private final Thread pump;
  private volatile boolean stopping;

  /** Everything a start was given, so that a restart can be the same. */
  private record Launch(
      String name,
      Path jar,
      Map<String, String> environment,
      List<String> jvmArgs,
      PrintStream console) {}

  private ServiceProcess(
      Service service, int port, Process process, Path logFile, BufferedWriter log, Launch launch) {
    this.service = service;
    this.port = port;
    this.process = process;
    this.logFile = logFile;
    this.launch = launch;
    PrintStream console = launch.console();
    this.pump = new Thread(() -> pump(log, console), "recon-" + launch.name() + "-out");
    pump.setDaemon(true);
    pump.start();
  }

  static ServiceProcess start(
      Service service,
      Path jar,
      int port,
      Map<String, String> environment,
      List<String> jvmArgs,
      Path logFile,
      PrintStream console)
      throws IOException {
    return start(service.shortName(), service, jar, port, environment, jvmArgs, logFile, console);
  }

  /**
   * As {@link #start(Service, Path, int, Map, List, Path, PrintStream)}, named {@code name} in the
   * console and in reports (another instance of a service: {@code transform-2}).
   */
  static ServiceProcess start(
      String name,
      Service service,
      Path jar,
      int port,
      Map<String, String> environment,
      List<String> jvmArgs,
      Path logFile,
      PrintStream console)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmArgs);
    command.add("-jar");
    command.add(jar.toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Files.createDirectories(logFile.getParent());
    BufferedWriter log =
        Files.newBufferedWriter(
            logFile, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    Process process;
    try {
      process = builder.start();
      log.write("==== " + Instant.now() + " " + String.join(" ", command) + System.lineSeparator());
      log.write("==== pid " + process.pid() + System.lineSeparator());
      log.flush();
    } catch (IOException e) {
      log.close();
      throw e;
    }
    return new ServiceProcess(
        service,
        port,
        process,
        logFile,
        log,
        new Launch(name, jar, Map.copyOf(environment), List.copyOf(jvmArgs), console));
  }

  /**
   * A new process of the same jar with the same port, environment, JVM options and log file (which
   * it appends to); meant for after {@link #stop} or {@link #kill}.
   */
  ServiceProcess restart() throws IOException {
    if (process.isAlive()) {
      throw new IllegalStateException(name() + " (pid " + pid() + ") still runs");
    }
    return start(
        launch.name(),
        service,
        launch.jar(),
        port,
        launch.environment(),
        launch.jvmArgs(),
        logFile,
        launch.console());
  }

  Service service() {
    return service;
  }

  /** The service's short name, or the instance's ({@code transform-2}). */
  String name() {
    return launch.name();
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Whether {@link #stop} or {@link #kill} ended (or is ending) it, rather than a crash. */
  boolean stoppedOnPurpose() {
    return stopping;
  }

  /** Why the process is not alive, with its last output; null while it runs. */
  String deathReport() {
    if (process.isAlive()) {
      return null;
    }
    return "["
        + name()
        + "] exited with code "
        + process.exitValue()
        + "; its last output:"
        + System.lineSeparator()
        + tail()
        + "(all of it in "
        + logFile
        + ")";
  }

  /** Whether {@code /actuator/health} answers status UP. */
  boolean isHealthy(HttpClient http) throws InterruptedException {
    URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
    HttpRequest request =
        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && "UP".equals(Json.text(Json.MAPPER.readTree(response.body()).path("status")));
    } catch (IOException | RuntimeException e) {
      // not listening yet, or not answering JSON yet: both mean "not up"
      return false;
    }
  }

  /** Why a start gave up on this service while it was still running, with its last output. */
  String notHealthyReport() {
    return "["
        + name()
        + "] did not report UP at http://127.0.0.1:"
        + port
        + "/actuator/health in time; its last output:"
        + System.lineSeparator()
        + tail()
        + "(all of it in "
        + logFile
        + ")";
  }

  /**
   * SIGTERM, so Spring closes its Kafka clients cleanly; SIGKILL once {@code grace} is over. Sent
   * through the process handle: {@link Process#destroy()} would also close the output pipe and lose
   * the service's last words.
   */
  void stop(Duration grace) throws InterruptedException {
    stopping = true;
    if (process.isAlive()) {
      process.toHandle().destroy();
      if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
        process.toHandle().destroyForcibly();
        process.waitFor();
      }
    }
    pump.join(Duration.ofSeconds(5).toMillis());
  }

  /**
   * SIGKILL at once ({@code kill -9} on Linux): no shutdown hook runs, no client closes, nothing is
   * flushed or committed. Returns once the process is gone.
   */
  void kill() throws InterruptedException {
    stopping = true;
    process.toHandle().destroyForcibly();
    process.waitFor();
    pump.join(Duration.ofSeconds(5).toMillis());
  }

  private void pump(BufferedWriter log, PrintStream console) {
    String prefix = "[" + name() + "] ";
    try (log;
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        log.write(line);
        log.newLine();
        log.flush();
        synchronized (tail) {
          if (tail.size() == TAIL_LINES) {
            tail.removeFirst();
          }
          tail.addLast(line);
        }
        console.println(prefix + line);
      }
      // the output ends when the process does: unless it was told to stop, it died
      process.waitFor();
      if (!stopping) {
        String bar = "!".repeat(78);
        console.println(bar);
        console.println("!!! SERVICE DIED: " + deathReport());
        console.println(bar);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("lost the output of " + name(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private String tail() {
    StringBuilder text = new StringBuilder();
    synchronized (tail) {
      for (String line : tail) {
        text.append("    ").append(line).append(System.lineSeparator());
      }
    }
    return text.toString();
  }
}
