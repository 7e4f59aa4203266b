package dev.recon.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Stacks for the end-to-end tests, built from the launcher's own {@link Stack}. PostgreSQL is
 * started once per JVM; each dataset then gets a stack of its own (a fresh broker, a fresh database
 * on that server, fresh service processes and state), because totals only match when a dataset is
 * reconciled alone. Everything lives under {@code stack/target/it-stacks}, so the service logs of a
 * failed run can be read after it.
 */
final class LocalStack {
  private static LocalPostgres postgres;
  private static Path root;

  private LocalStack() {}

  /** A stack that has reconciled nothing yet; close it when the test class is done. */
  static synchronized Stack start(String name) throws IOException, InterruptedException {
    Database database =
        postgres().ensureDatabase("recon_" + name.replace('-', '_'), "recon", "recon");
    StackOptions options =
        StackOptions.defaults(root.resolve(name))
            .withGatewayPort(Ports.free())
            .withExternalDatabase(database);
    Stack stack = Stack.start(options);
    System.out.printf(
        "stack '%s' up in %d ms at %s%n", name, stack.startupTime().toMillis(), stack.gatewayUrl());
    return stack;
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
    postgres();
    return Files.createDirectories(root.resolve(name));
  }

  private static LocalPostgres postgres() throws IOException {
    if (postgres == null) {
      root = StackOptions.repositoryRoot().resolve("stack").resolve("target").resolve("it-stacks");
      deleteRecursively(root);
      postgres =
          LocalPostgres.start(
              root.resolve("postgres"), Ports.free(), root.resolve("logs").resolve("postgres.log"));
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
