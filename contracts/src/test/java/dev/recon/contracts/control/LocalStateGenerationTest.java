package dev.recon.contracts.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStateGenerationTest {

  @TempDir Path stateDir;

  @Test
  void stateBuiltAfterTheLatestReplayIsKept() throws IOException {
    LocalStateGeneration generation = LocalStateGeneration.of(config());
    generation.dropIfOlderThan(3);
    Path store = storeFile();
    Files.writeString(store, "rows");

    generation.dropIfOlderThan(3);

    assertThat(store).hasContent("rows");
  }

  @Test
  void stateFromBeforeAReplayIsDropped() throws IOException {
    LocalStateGeneration generation = LocalStateGeneration.of(config());
    generation.dropIfOlderThan(3);
    Path store = storeFile();
    Files.writeString(store, "rows");

    generation.dropIfOlderThan(4);

    assertThat(store).doesNotExist();
    assertThat(stateDir.resolve("recon-merge")).doesNotExist();
    assertThat(stateDir.resolve("other-application").resolve("0_1")).exists();
  }

  @Test
  void stateWithoutARecordCountsAsOlderThanAnyReplay() throws IOException {
    Path store = storeFile();
    Files.writeString(store, "rows of a version that kept no record");

    LocalStateGeneration.of(config()).dropIfOlderThan(0);

    assertThat(store).doesNotExist();
  }

  @Test
  void aFirstStartHasNothingToDropAndRecordsItsGeneration() throws IOException {
    LocalStateGeneration.of(config()).dropIfOlderThan(0);
    Path store = storeFile();
    Files.writeString(store, "rows");

    LocalStateGeneration.of(config()).dropIfOlderThan(0);

    assertThat(store).hasContent("rows");
    assertThat(stateDir.resolve("recon-merge.replay-generation")).hasContent("0");
  }

  private Path storeFile() throws IOException {
    Files.createDirectories(stateDir.resolve("other-application").resolve("0_1"));
    return Files.createDirectories(stateDir.resolve("recon-merge").resolve("0_1"))
        .resolve("000001.sst");
  }

  private Properties config() {
    Properties config = new Properties();
    config.setProperty(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    config.setProperty(StreamsConfig.APPLICATION_ID_CONFIG, "recon-merge");
    return config;
  }
}
