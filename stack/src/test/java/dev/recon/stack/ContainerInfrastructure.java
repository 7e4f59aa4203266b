package dev.recon.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * Kafka and PostgreSQL as containers (Testcontainers), for the end-to-end run that {@link
 * LocalStack} makes on them: one PostgreSQL container, a database per stack on it, and a broker
 * container per stack. Testcontainers' reaper (Ryuk) is off where these tests run (see
 * stack/pom.xml), so every container started here is stopped here: a broker when its stack closes,
 * and whatever still runs when the JVM exits, a failed test's included.
 */
final class ContainerInfrastructure {
  static final DockerImageName KAFKA_IMAGE = DockerImageName.parse("apache/kafka:4.1.1");
  static final DockerImageName POSTGRES_IMAGE = DockerImageName.parse("postgres:15");

  /**
   * The image's default is 1 GB: three services, the test JVM and PostgreSQL share the machine, and
   * the in-JVM broker of the embedded run needs far less.
   */
  private static final String KAFKA_HEAP_OPTS = "-Xmx512m";

  private final Set<GenericContainer<?>> running = ConcurrentHashMap.newKeySet();
  private final PostgreSQLContainer postgres = new PostgreSQLContainer(POSTGRES_IMAGE);

  private ContainerInfrastructure() {}

  /** Starts the PostgreSQL container; everything started from here on is stopped at JVM exit. */
  static ContainerInfrastructure start() {
    ContainerInfrastructure containers = new ContainerInfrastructure();
    Runtime.getRuntime().addShutdownHook(new Thread(containers::stopAll, "it-containers-stop"));
    containers.startTracked(containers.postgres);
    return containers;
  }

  /** A new broker (KRaft, a single node); {@link #stop} it when its stack is done. */
  KafkaContainer startKafka() {
    KafkaContainer kafka =
        new KafkaContainer(KAFKA_IMAGE).withEnv("KAFKA_HEAP_OPTS", KAFKA_HEAP_OPTS);
    startTracked(kafka);
    return kafka;
  }

  /** A database of its own, owned by a login role, on the PostgreSQL container. */
  Database ensureDatabase(String name, String user, String password) {
    try (Connection superuser =
        DriverManager.getConnection(
            postgres.getJdbcUrl(), postgres.getUsername(), postgres.getPassword())) {
      LocalPostgres.ensureDatabase(superuser, name, user, password);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " for " + user, e);
    }
    return new Database(
        "jdbc:postgresql://"
            + postgres.getHost()
            + ":"
            + postgres.getMappedPort(PostgreSQLContainer.POSTGRESQL_PORT)
            + "/"
            + name,
        user,
        password);
  }

  /** Says where the stacks' PostgreSQL runs, for their startup lines. */
  String postgresDescription() {
    return POSTGRES_IMAGE + " container " + shortId(postgres);
  }

  static String kafkaDescription(KafkaContainer kafka) {
    return KAFKA_IMAGE + " container " + shortId(kafka) + " at " + kafka.getBootstrapServers();
  }

  /** Stops and removes the container (Testcontainers' stop does both). */
  void stop(GenericContainer<?> container) {
    running.remove(container);
    container.stop();
  }

  private void startTracked(GenericContainer<?> container) {
    // Tracked before it starts: a start that fails half way has a container to remove too.
    running.add(container);
    try {
      container.start();
    } catch (RuntimeException e) {
      stop(container);
      throw e;
    }
  }

  private void stopAll() {
    for (GenericContainer<?> container : Set.copyOf(running)) {
      try {
        stop(container);
      } catch (RuntimeException e) {
        System.err.println("could not remove container " + shortId(container) + ": " + e);
      }
    }
  }

  private static String shortId(GenericContainer<?> container) {
    String id = container.getContainerId();
    return id == null ? "(not created)" : id.substring(0, Math.min(12, id.length()));
  }
}
