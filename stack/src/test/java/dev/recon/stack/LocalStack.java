package dev.recon.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.testcontainers.kafka.KafkaContainer;

/**
 * Stacks for the end-to-end tests, built from the launcher's own {@link Stack}. PostgreSQL is
 * started once per JVM; each dataset then gets a stack of its own (a fresh broker, a fresh database
 * on that server, fresh service processes and state), because totals only match when a dataset is
 * reconciled alone. Everything lives under {@code stack/target/it-stacks}, so the service logs of a
 * failed run can be read after it.
 *
 * <p>With the system property {@value #INFRASTRUCTURE_PROPERTY} set to {@value #CONTAINERS}, the
 * broker and PostgreSQL are containers instead ({@link ContainerInfrastructure}), given to the
 * stack as an external Kafka and database; the services still run as local processes.
 */
final class LocalStack {
  static final String INFRASTRUCTURE_PROPERTY = "recon.it.infrastructure";
  static final String CONTAINERS = "containers";

  private static LocalPostgres postgres;
  private static ContainerInfrastructure containers;
  private static Path root;

  /** The broker container of each running stack on containers; stopped when the stack closes. */
  private static final Map<Stack, KafkaContainer> brokers = new ConcurrentHashMap<>();

  private LocalStack() {}

  /** A stack that has reconciled nothing yet; close it when the test class is done. */
  static synchronized Stack start(String name) throws IOException, InterruptedException {
    String databaseName = "recon_" + name.replace('-', '_');
    StackOptions options =
        StackOptions.defaults(root().resolve(name)).withGatewayPort(Ports.free());
    Stack stack;
    String infrastructure;
    if (onContainers()) {
      ContainerInfrastructure infra = containers();
      KafkaContainer kafka = infra.startKafka();
      Database database;
      try {
        database = infra.ensureDatabase(databaseName, "recon", "recon");
      } catch (RuntimeException e) {
        infra.stop(kafka);
        throw e;
      }
      stack =
          startOn(
              kafka,
              options
                  .withExternalKafka(kafka.getBootstrapServers())
                  .withExternalDatabase(database));
      infrastructure =
          ContainerInfrastructure.kafkaDescription(kafka) + ", " + infra.postgresDescription();
    } else {
      Database database = postgres().ensureDatabase(databaseName, "recon", "recon");
      stack = Stack.start(options.withExternalDatabase(database));
      infrastructure =
          "an in-JVM broker at "
              + stack.kafkaBootstrapServers()
              + ", embedded PostgreSQL at "
              + database.url();
    }
    System.out.printf(
        "stack '%s' up in %d ms at %s on %s%n",
        name, stack.startupTime().toMillis(), stack.gatewayUrl(), infrastructure);
    return stack;
  }

  /**
   * Closes {@code stack} and starts one with {@code options} on the same data directory and
   * database. A stack on containers keeps its broker container through the restart, as a Kafka
   * cluster outlives a restart of the services; a local broker restarts on its log directory.
   */
  static synchronized Stack restart(Stack stack, StackOptions options)
      throws IOException, InterruptedException {
    KafkaContainer kafka = brokers.remove(stack);
    try {
      stack.close();
    } catch (RuntimeException e) {
      if (kafka != null) {
        containers.stop(kafka);
      }
      throw e;
    }
    return kafka == null ? Stack.start(options) : startOn(kafka, options);
  }

  private static boolean onContainers() {
    return CONTAINERS.equals(System.getProperty(INFRASTRUCTURE_PROPERTY));
  }

  /** A stack on the broker container {@code kafka}, which is stopped when the stack closes. */
  private static Stack startOn(KafkaContainer kafka, StackOptions options)
      throws IOException, InterruptedException {
    Stack stack;
    try {
      stack = Stack.start(options);
    } catch (IOException | InterruptedException | RuntimeException e) {
      containers.stop(kafka);
      throw e;
    }
    brokers.put(stack, kafka);
    stack.onClose(
        () -> {
          KafkaContainer broker = brokers.remove(stack);
          if (broker != null) {
            containers.stop(broker);
          }
        });
    return stack;
  }

  private static ContainerInfrastructure containers() {
    if (containers == null) {
      containers = ContainerInfrastructure.start();
    }
    return containers;
  }

  private static Path root() throws IOException {
    if (root == null) {
      root = StackOptions.repositoryRoot().resolve("stack").resolve("target").resolve("it-stacks");
      deleteRecursively(root);
    }
    return root;
  }

  /**
   * A database of its own on the shared PostgreSQL, and the directory beside the stacks' for what a
   * test starts without a whole stack (a broker, single service processes).
   */
  static synchronized Database database(String name) throws IOException {
    return postgres().ensureDatabase("recon_" + name.replace('-', '_'), "recon", "recon");
  }

  /** See {@link #database(String)}; empty until the test puts something there. */
  static synchronized Path directory(String name) throws IOException {
    return Files.createDirectories(root().resolve(name));
  }

  private static LocalPostgres postgres() throws IOException {
    if (postgres == null) {
      postgres =
          LocalPostgres.start(
              root().resolve("postgres"),
              Ports.free(),
              root().resolve("logs").resolve("postgres.log"));
      LocalPostgres server = postgres;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      server.close();
                    } catch (IOException e) {
                      throw new UncheckedIOException(e);
                    }
                  },
                  "it-postgres-stop"));
    }
    return postgres;
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
