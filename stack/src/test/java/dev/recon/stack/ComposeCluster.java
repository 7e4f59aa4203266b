package dev.recon.stack;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The repository's docker-compose.yml, run as a user runs it: Compose v2 ({@code docker compose})
 * where it is installed, else v1 ({@code docker-compose}), under a project name of its own, with
 * both gateways published on free loopback ports. Faults are Docker's own: {@code docker kill},
 * {@code docker start}, {@code docker restart}. Closing it removes every container, network and
 * volume of the project, after writing each container's log to {@code stack/target/compose-it}.
 */
final class ComposeCluster implements AutoCloseable {
  private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(8);

  private final List<String> compose;
  private final Path repository;
  private final Path logs;
  private final Map<String, String> environment = new HashMap<>();
  private final URI gateway;
  private final URI secondGateway;

  private ComposeCluster(String project) throws IOException, InterruptedException {
    repository = StackOptions.repositoryRoot();
    logs = repository.resolve("stack").resolve("target").resolve("compose-it");
    Files.createDirectories(logs);
    compose = new ArrayList<>(composeCommand());
    compose.addAll(List.of("-p", project, "-f", "docker-compose.yml"));
    int port = Ports.free();
    int secondPort = Ports.free();
    gateway = URI.create("http://127.0.0.1:" + port);
    secondGateway = URI.create("http://127.0.0.1:" + secondPort);
    byte[] token = new byte[16];
    new SecureRandom().nextBytes(token);
    environment.put("RECON_API_TOKEN", HexFormat.of().formatHex(token));
    environment.put("RECON_GATEWAY_PORT", Integer.toString(port));
    environment.put("RECON_GATEWAY_2_PORT", Integer.toString(secondPort));
    // Seven service JVMs start at once on the test machine: C1 only, as `./recon up` runs them.
    environment.put("RECON_SERVICE_JAVA_OPTS", "-XX:TieredStopAtLevel=1");
  }

  /**
   * Builds the service images and starts the whole cluster on empty volumes (a project of this name
   * left by an interrupted run is removed first), returning once both gateways are UP.
   */
  static ComposeCluster start(String project) throws IOException, InterruptedException {
    ComposeCluster cluster = new ComposeCluster(project);
    try {
      cluster.compose("down", "-v", "--remove-orphans");
      cluster.up("--build");
    } catch (IOException | InterruptedException | RuntimeException e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  URI gateway() {
    return gateway;
  }

  URI secondGateway() {
    return secondGateway;
  }

  /** Starts every container again (after {@link #down()}) and waits until both gateways are UP. */
  void up(String... options) throws IOException, InterruptedException {
    List<String> arguments = new ArrayList<>(List.of("up", "-d"));
    arguments.addAll(List.of(options));
    compose(arguments.toArray(String[]::new));
    awaitHealthy(gateway);
    awaitHealthy(secondGateway);
  }

  /** Removes the containers and the network, keeping the volumes: every result. */
  void down() throws IOException, InterruptedException {
    compose("down");
  }

  /** {@code docker kill} (SIGKILL) of a service's container. */
  void kill(String service) throws IOException, InterruptedException {
    docker("kill", container(service));
  }

  /** {@code docker start} of a stopped or killed service's container. */
  void startAgain(String service) throws IOException, InterruptedException {
    docker("start", container(service));
  }

  /** {@code docker restart}: the container is stopped as its image says, then started. */
  void restart(String service) throws IOException, InterruptedException {
    docker("restart", container(service));
  }

  /** Waits until a service's container reports its health check passing. */
  void awaitHealthy(String service) {
    await(service + " healthy")
        .atMost(HEALTHY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                "healthy"
                    .equals(
                        docker("inspect", "-f", "{{.State.Health.Status}}", container(service))
                            .strip()));
  }

  private String container(String service) throws IOException, InterruptedException {
    String id = compose("ps", "-q", service).strip();
    if (id.isEmpty()) {
      throw new IllegalStateException("no container for service " + service);
    }
    return id;
  }

  private void awaitHealthy(URI base) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("/actuator/health"))
            .timeout(Duration.ofSeconds(5))
            .build();
    await("gateway " + base + " healthy")
        .atMost(HEALTHY_TIMEOUT)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() == 200);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    try {
      for (String service : compose("ps", "--services").strip().split("\\s+")) {
        if (!service.isEmpty()) {
          Files.writeString(logs.resolve(service + ".log"), compose("logs", "--no-color", service));
        }
      }
    } finally {
      compose("down", "-v", "--remove-orphans");
    }
  }

  private String compose(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(compose);
    command.addAll(List.of(arguments));
    return run(command);
  }

  private String docker(String... arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("docker"));
    command.addAll(List.of(arguments));
    return run(command);
  }

  /** Runs a command in the repository with the cluster's environment: its output, or a failure. */
  private String run(List<String> command) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile());
    builder.environment().putAll(environment);
    Path output = Files.createTempFile(logs, "command", ".out");
    Path errors = Files.createTempFile(logs, "command", ".err");
    try {
      Process process =
          builder.redirectOutput(output.toFile()).redirectError(errors.toFile()).start();
      if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            String.join(" ", command) + ": still running after " + COMMAND_TIMEOUT);
      }
      if (process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " exited "
                + process.exitValue()
                + ":\n"
                + Files.readString(errors, StandardCharsets.UTF_8)
                + Files.readString(output, StandardCharsets.UTF_8));
      }
      return Files.readString(output, StandardCharsets.UTF_8);
    } finally {
      Files.delete(output);
      Files.delete(errors);
    }
  }

  /** Compose v2 when the Docker CLI has it, else the v1 command. */
  private static List<String> composeCommand() throws InterruptedException {
    try {
      Process v2 =
          new ProcessBuilder("docker", "compose", "version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (v2.waitFor(30, TimeUnit.SECONDS) && v2.exitValue() == 0) {
        return List.of("docker", "compose");
      }
    } catch (IOException e) {
      // no docker CLI at all: docker-compose will say so
    }
    return List.of("docker-compose");
  }
}
