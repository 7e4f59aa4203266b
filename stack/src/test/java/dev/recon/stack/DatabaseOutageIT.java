package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.recon.stack.PipelineWatch.Position;
import dev.recon.stack.PipelineWatch.Stage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped while the sink writes the {@code medium} dataset, and started again on the
 * same port and cluster: the sink keeps retrying the batch it could not write (committing nothing
 * meanwhile), and once the database is back the uploads end RECONCILED with results equal to {@code
 * expected/}. The stack runs a PostgreSQL server of its own, so that the other tests' shared one is
 * never stopped.
 */
@Tag("faults")
class DatabaseOutageIT {

  /** A fifth or so of what the merge emits for medium: the sink is well under way. */
  private static final long SINK_PART_WAY_OFFSETS = 10_000;

  /** How long the sink must hold still, failing, before the database comes back. */
  private static final Duration HELD_DOWN = Duration.ofSeconds(20);

  /** What the merge service's pool logs (at WARN) when the server goes away under it. */
  private static final String DATABASE_LOST = "HikariPool";

  @Test
  void theSinkRetriesThroughADatabaseOutageAndTheUploadsEndReconciledExactly(@TempDir Path scratch)
      throws Exception {
    Dataset dataset = Dataset.named("medium");
    try (Stack stack = startWithItsOwnPostgres("database-outage");
        PipelineWatch watch = new PipelineWatch(stack)) {
      List<String> ids = watch.upload(dataset.inputs(scratch));
      Position sinking =
          watch.awaitPartWay(
              Stage.SINK, SINK_PART_WAY_OFFSETS, Duration.ofMinutes(5), Duration.ofMillis(100));
      long mergeLog = watch.logLength("merge");
      Instant stopped = Instant.now();
      stack.stopPostgres();
      System.out.printf("PostgreSQL stopped with %s%n", sinking);

      // Once the sink has failed against the stopped server, it can commit nothing more until the
      // server is back: its committed offsets must then stay where they are.
      AtomicReference<List<String>> failures = new AtomicReference<>(List.of());
      await("the sink to fail against the stopped database")
          .atMost(Duration.ofMinutes(2))
          .pollInterval(Duration.ofMillis(500))
          .until(
              () -> {
                stack.checkAlive();
                failures.set(watch.logLinesSince("merge", mergeLog, DATABASE_LOST));
                return !failures.get().isEmpty();
              });
      failures.get().stream()
          .limit(3)
          .forEach(line -> System.out.println("merge, PostgreSQL down: " + line));
      Position frozen = watch.position(Stage.SINK);
      await("the sink to commit nothing while the database is down")
          .during(HELD_DOWN)
          .atMost(HELD_DOWN.plusSeconds(15))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                stack.checkAlive();
                return watch.position(Stage.SINK).committed() == frozen.committed();
              });
      assertThat(frozen.pastButNotDone(SINK_PART_WAY_OFFSETS))
          .as("the sink is part-way while the database is down: %s", frozen)
          .isTrue();

      stack.startPostgres();
      Instant started = Instant.now();
      watch.awaitReconciled(ids, Duration.ofMinutes(10));
      Instant reconciled = Instant.now();
      System.out.printf(
          "PostgreSQL down %s, the sink held at %s; reconciled %s after it was back%n",
          PipelineWatch.seconds(stopped, started),
          frozen,
          PipelineWatch.seconds(started, reconciled));

      ResultComparison.assertMatches(dataset, watch.results(ids));
    }
  }

  /** Everything under {@code stack/target/it-faults/name}, PostgreSQL included. */
  static Stack startWithItsOwnPostgres(String name) throws IOException, InterruptedException {
    Path dir =
        StackOptions.repositoryRoot()
            .resolve("stack")
            .resolve("target")
            .resolve("it-faults")
            .resolve(name);
    if (Files.exists(dir)) {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    Stack stack = Stack.start(StackOptions.defaults(dir).withGatewayPort(Ports.free()));
    System.out.printf(
        "stack '%s' (own PostgreSQL) up in %d ms at %s%n",
        name, stack.startupTime().toMillis(), stack.gatewayUrl());
    return stack;
  }
}
