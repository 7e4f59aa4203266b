package dev.recon.contracts.control;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which replay a Streams application's local state was built after, recorded next to it. An
 * instance that was stopped during a replay kept state the replay made stale; restored from its own
 * checkpoint against the changelog the replay recreated, it would suppress results. So the state is
 * dropped before processing starts whenever it was built before the latest replay.
 */
public final class LocalStateGeneration {

  private static final Logger log = LoggerFactory.getLogger(LocalStateGeneration.class);

  private final Path stateDir;
  private final Path record;

  private LocalStateGeneration(Path stateDir, Path record) {
    this.stateDir = stateDir;
    this.record = record;
  }

  /** The local state of the application these Streams settings configure. */
  public static LocalStateGeneration of(Properties streamsConfig) {
    Path root = Path.of(streamsConfig.getProperty(StreamsConfig.STATE_DIR_CONFIG));
    String application = streamsConfig.getProperty(StreamsConfig.APPLICATION_ID_CONFIG);
    return new LocalStateGeneration(
        root.resolve(application), root.resolve(application + ".replay-generation"));
  }

  /**
   * Drops the local state unless it was built after replay {@code generation} (0: there was none),
   * then records that it is. Only while the application is not running.
   */
  public void dropIfOlderThan(long generation) {
    try {
      if (recorded() != generation) {
        log.info("local state {} predates replay {}: dropped", stateDir, generation);
        deleteRecursively(stateDir);
      }
      Files.createDirectories(record.getParent());
      Files.writeString(record, Long.toString(generation), StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reset the local state in " + stateDir, e);
    }
  }

  /** The recorded generation; state without a record counts as older than any replay. */
  private long recorded() throws IOException {
    try {
      return Long.parseLong(Files.readString(record, StandardCharsets.US_ASCII).strip());
    } catch (NoSuchFileException | NumberFormatException e) {
      return Files.exists(stateDir) ? -1 : 0;
    }
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
