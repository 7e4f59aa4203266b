package dev.recon.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The processes a stack leaves behind when its JVM is killed outright (kill -9, an IDE's stop
 * button): the service processes and PostgreSQL outlive it and would hold the gateway port and the
 * database directory. Each stack writes down who runs on its data directory; the next start on that
 * directory stops whatever of it is still running.
 */
final class Leftovers {
  private static final String LAUNCHER = "launcher";
  // a JVM just killed takes a moment to be gone: a restart right after must not be refused
  private static final Duration DYING = Duration.ofSeconds(5);

  private final Path file;

  Leftovers(Path dataDir) {
    this.file = dataDir.resolve("pids.properties");
  }

  /**
   * Refuses when another live stack uses the directory; otherwise stops the services and the
   * PostgreSQL server that a dead one left running.
   */
  void clear(Path postgresDir, Duration grace, PrintStream console)
      throws IOException, InterruptedException {
    Properties pids = read();
    Optional<ProcessHandle> launcher = live(pids.getProperty(LAUNCHER));
    if (launcher.isPresent()
        && launcher.get().pid() != ProcessHandle.current().pid()
        && !exitsWithin(launcher.get(), DYING)) {
      throw new StackException(
          "another stack (pid "
              + launcher.get().pid()
              + ") is running on "
              + file.getParent()
              + "; stop it first, or use another --data-dir");
    }
    for (Service service : Service.values()) {
      Optional<ProcessHandle> process = live(pids.getProperty(service.shortName()));
      if (process.isPresent() && commandMentions(process.get(), service.shortName() + "-service")) {
        console.println(
            "Stopping a leftover "
                + service.shortName()
                + " service (pid "
                + process.get().pid()
                + ") of a stack that did not stop cleanly");
        stop(process.get(), grace);
      }
    }
    Path postmasterPid = postgresDir.resolve("postmaster.pid");
    if (Files.exists(postmasterPid)) {
      List<String> lines = Files.readAllLines(postmasterPid, StandardCharsets.UTF_8);
      Optional<ProcessHandle> postmaster = lines.isEmpty() ? Optional.empty() : live(lines.get(0));
      if (postmaster.isPresent() && commandMentions(postmaster.get(), "postgres")) {
        console.println(
            "Stopping a leftover PostgreSQL (pid "
                + postmaster.get().pid()
                + ") on "
                + postgresDir);
        stop(postmaster.get(), grace);
      }
    }
    Files.deleteIfExists(file);
  }

  /** Writes down this JVM and the given service processes as running on the directory. */
  void record(Map<Service, Long> servicePids) throws IOException {
    Properties pids = new Properties();
    pids.setProperty(LAUNCHER, Long.toString(ProcessHandle.current().pid()));
    servicePids.forEach((service, pid) -> pids.setProperty(service.shortName(), pid.toString()));
    try (OutputStream out = Files.newOutputStream(file)) {
      pids.store(out, "processes of the running stack, stopped by the next start if left behind");
    }
  }

  void forget() throws IOException {
    Files.deleteIfExists(file);
  }

  private Properties read() throws IOException {
    Properties pids = new Properties();
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        pids.load(in);
      }
    }
    return pids;
  }

  private static Optional<ProcessHandle> live(String pid) {
    if (pid == null) {
      return Optional.empty();
    }
    try {
      return ProcessHandle.of(Long.parseLong(pid.strip())).filter(ProcessHandle::isAlive);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** Guards against a pid reused by an unrelated process since it was written down. */
  private static boolean commandMentions(ProcessHandle process, String word) {
    return process.info().commandLine().map(c -> c.contains(word)).orElse(false);
  }

  /** SIGTERM (for PostgreSQL a smart shutdown, its clients being gone), SIGKILL after grace. */
  private static void stop(ProcessHandle process, Duration grace) throws InterruptedException {
    process.destroy();
    if (!exitsWithin(process, grace)) {
      process.destroyForcibly();
      exitsWithin(process, grace);
    }
  }

  private static boolean exitsWithin(ProcessHandle process, Duration time)
      throws InterruptedException {
    try {
      process.onExit().get(time.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }
}
