package dev.recon.stack.bench;

import dev.recon.stack.StackOptions;
import dev.recon.stack.UpCommand;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./recon up} as a user starts it: a JVM of its own with the launcher's default options,
 * hosting the broker and starting PostgreSQL and the services with their defaults, none of the
 * caller's overrides passed on. Stopped as Ctrl-C stops it.
 */
final class LauncherProcess implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration LONGEST_START = Duration.ofMinutes(5);
  private static final Duration LONGEST_STOP = Duration.ofMinutes(1);

  private final Process process;
  private final Path log;
  private final URI gateway;

  /** A bench stopped by Ctrl-C stops the stack it started too, rather than leave it running. */
  private final Thread stopper;

  private LauncherProcess(Process process, Path log, URI gateway) {
    this.process = process;
    this.log = log;
    this.gateway = gateway;
    this.stopper = new Thread(process::destroy, "recon-bench-month-stop");
    Runtime.getRuntime().addShutdownHook(stopper);
  }

  /** Starts {@code recon up} on {@code dataDir} and {@code port}, and waits until it is up. */
  static LauncherProcess up(Path dataDir, int port) throws IOException, InterruptedException {
    Files.createDirectories(dataDir);
    Path log = dataDir.resolve("launcher.log");
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElse("java"));
    command.addAll(StackOptions.DEFAULT_LAUNCHER_JVM_OPTIONS);
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.recon.stack.Recon",
            "up",
            "--data-dir",
            dataDir.toString(),
            "--port",
            Integer.toString(port)));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    // Every setting of the launcher and the services is a RECON_ or KAFKA_ variable: none of the
    // caller's may change the stack that a user's ./recon up starts.
    environment.keySet().removeIf(name -> name.startsWith("RECON_") || name.startsWith("KAFKA_"));
    LauncherProcess launcher =
        new LauncherProcess(builder.start(), log, URI.create("http://localhost:" + port));
    try {
      launcher.awaitUp();
    } catch (IOException | InterruptedException | RuntimeException e) {
      launcher.close();
      throw e;
    }
    return launcher;
  }

  URI gatewayUrl() {
    return gateway;
  }

  /** The launcher's process and all it started: the services and PostgreSQL. */
  List<Long> pids() {
    List<Long> pids = new ArrayList<>();
    pids.add(process.pid());
    process.descendants().forEach(p -> pids.add(p.pid()));
    return pids;
  }

  private void awaitUp() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + LONGEST_START.toNanos();
    while (!Files.readString(log, StandardCharsets.UTF_8).contains(UpCommand.UP)) {
      if (!process.isAlive() || System.nanoTime() > deadline) {
        throw new IOException(
            (process.isAlive() ? "not up within " + LONGEST_START.toMinutes() + " min" : "it ended")
                + ": ./recon up, its output in "
                + log);
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  /** Stops the stack as Ctrl-C does: the launcher's shutdown hook stops it in order. */
  @Override
  public void close() throws InterruptedException {
    try {
      Runtime.getRuntime().removeShutdownHook(stopper);
    } catch (IllegalStateException shuttingDown) {
      // the hook is stopping the launcher already
    }
    process.destroy();
    if (!process.waitFor(LONGEST_STOP.toSeconds(), TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }
}
