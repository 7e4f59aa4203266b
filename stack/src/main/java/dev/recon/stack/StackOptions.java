package dev.recon.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How to bring a stack up. Start from {@link #defaults(Path)} and change what differs.
 *
 * @param dataDir everything the stack keeps: Kafka's log directory, PostgreSQL's cluster, the
 *     services' state and spool directories, the logs
 * @param gatewayPort the ingest service's HTTP port
 * @param kafkaPort the in-process broker's port; 0 for the one used last time if free, else any
 * @param postgresPort the local PostgreSQL's port; 0 as for {@code kafkaPort}
 * @param externalKafka bootstrap servers of a Kafka to use instead of starting a broker
 * @param externalDatabase a database to use instead of starting PostgreSQL
 * @param repoDir the repository whose {@code *-service/target/*.jar} are run
 * @param serviceJvmArgs the JVM options of each service process
 * @param startTimeout how long the services together may take to report UP
 * @param stopTimeout how long a service may take to exit after SIGTERM before it is killed
 */
public record StackOptions(
    Path dataDir,
    int gatewayPort,
    int kafkaPort,
    int postgresPort,
    Optional<String> externalKafka,
    Optional<Database> externalDatabase,
    Path repoDir,
    List<String> serviceJvmArgs,
    Duration startTimeout,
    Duration stopTimeout) {

  public static final int DEFAULT_GATEWAY_PORT = 8080;
  public static final String DEFAULT_SERVICE_HEAP = "512m";

  /**
   * C1 only: on a two-core laptop, C2's own compilation work costs the three services more than it
   * gains them here. Measured: the stack starts in about 25 s instead of 40-75 s, and the medium
   * dataset reconciles in 36 s instead of 50 s.
   */
  static final List<String> DEFAULT_SERVICE_JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  /**
   * The launcher's own JVM (the broker's host) starts with these ({@code ./recon} passes them
   * unless {@code RECON_LAUNCHER_JAVA_OPTS} is set): C1 only as for the services. On a fresh stack
   * C2 compiled the broker's code for 6 s of CPU during a seller's month; with C1 alone 2.5-4.6 s.
   */
  public static final List<String> DEFAULT_LAUNCHER_JVM_OPTIONS =
      List.of("-XX:TieredStopAtLevel=1");

  public StackOptions {
    dataDir = dataDir.toAbsolutePath().normalize();
    repoDir = repoDir.toAbsolutePath().normalize();
    serviceJvmArgs = List.copyOf(serviceJvmArgs);
  }

  /**
   * Everything local, on the default ports, with the jars of the repository this code runs from.
   */
  public static StackOptions defaults(Path dataDir) {
    return new StackOptions(
        dataDir,
        DEFAULT_GATEWAY_PORT,
        0,
        0,
        Optional.empty(),
        Optional.empty(),
        repositoryRoot(),
        serviceJvmArgs(DEFAULT_SERVICE_HEAP, DEFAULT_SERVICE_JVM_OPTIONS),
        Duration.ofMinutes(5),
        Duration.ofSeconds(20));
  }

  /**
   * Takes an existing Kafka from {@code KAFKA_BOOTSTRAP_SERVERS} and an existing database from
   * {@code RECON_DB_URL} (with {@code RECON_DB_USER}, {@code RECON_DB_PASSWORD}, both defaulting to
   * {@code recon}) when they are set, and the services' JVM options from {@code
   * RECON_SERVICE_JAVA_OPTS} (placed after the default heap size, so an {@code -Xmx} there wins).
   */
  public StackOptions withEnvironment(Map<String, String> env) {
    StackOptions options = this;
    String kafka = env.get("KAFKA_BOOTSTRAP_SERVERS");
    if (kafka != null && !kafka.isBlank()) {
      options = options.withExternalKafka(kafka.strip());
    }
    String javaOptions = env.get("RECON_SERVICE_JAVA_OPTS");
    if (javaOptions != null && !javaOptions.isBlank()) {
      options =
          options.withServiceJvmArgs(
              serviceJvmArgs(DEFAULT_SERVICE_HEAP, List.of(javaOptions.strip().split("\\s+"))));
    }
    String url = env.get("RECON_DB_URL");
    if (url != null && !url.isBlank()) {
      options =
          options.withExternalDatabase(
              new Database(
                  url.strip(),
                  env.getOrDefault("RECON_DB_USER", "recon"),
                  env.getOrDefault("RECON_DB_PASSWORD", "recon")));
    }
    return options;
  }

  public StackOptions withGatewayPort(int port) {
    return new StackOptions(
        dataDir,
        port,
        kafkaPort,
        postgresPort,
        externalKafka,
        externalDatabase,
        repoDir,
        serviceJvmArgs,
        startTimeout,
        stopTimeout);
  }

  public StackOptions withKafkaPort(int port) {
    return new StackOptions(
        dataDir,
        gatewayPort,
        port,
        postgresPort,
        externalKafka,
        externalDatabase,
        repoDir,
        serviceJvmArgs,
        startTimeout,
        stopTimeout);
  }

  public StackOptions withPostgresPort(int port) {
    return new StackOptions(
        dataDir,
        gatewayPort,
        kafkaPort,
        port,
        externalKafka,
        externalDatabase,
        repoDir,
        serviceJvmArgs,
        startTimeout,
        stopTimeout);
  }

  public StackOptions withExternalKafka(String bootstrapServers) {
    return new StackOptions(
        dataDir,
        gatewayPort,
        kafkaPort,
        postgresPort,
        Optional.of(bootstrapServers),
        externalDatabase,
        repoDir,
        serviceJvmArgs,
        startTimeout,
        stopTimeout);
  }

  public StackOptions withExternalDatabase(Database database) {
    return new StackOptions(
        dataDir,
        gatewayPort,
        kafkaPort,
        postgresPort,
        externalKafka,
        Optional.of(database),
        repoDir,
        serviceJvmArgs,
        startTimeout,
        stopTimeout);
  }

  /** Replaces the services' {@code -Xmx}, keeping their other JVM options. */
  public StackOptions withServiceHeap(String heap) {
    return withServiceJvmArgs(
        serviceJvmArgs(heap, serviceJvmArgs.stream().filter(a -> !a.startsWith("-Xmx")).toList()));
  }

  private static List<String> serviceJvmArgs(String heap, List<String> options) {
    List<String> args = new ArrayList<>();
    args.add("-Xmx" + heap);
    args.addAll(options);
    return args;
  }

  public StackOptions withServiceJvmArgs(List<String> args) {
    return new StackOptions(
        dataDir,
        gatewayPort,
        kafkaPort,
        postgresPort,
        externalKafka,
        externalDatabase,
        repoDir,
        args,
        startTimeout,
        stopTimeout);
  }

  /**
   * The repository this code was loaded from: {@code stack/target/stack.jar} and {@code
   * stack/target/classes} both lie three levels below it. Falls back to the working directory when
   * the code runs from anywhere else.
   */
  static Path repositoryRoot() {
    try {
      Path location =
          Path.of(StackOptions.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      for (Path dir = location; dir != null; dir = dir.getParent()) {
        if (Files.isRegularFile(dir.resolve("stack").resolve("pom.xml"))) {
          return dir;
        }
      }
    } catch (java.net.URISyntaxException | SecurityException e) {
      // an unusual class loader: the working directory is the best remaining guess
    }
    return Path.of("").toAbsolutePath();
  }
}
