package dev.recon.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import tools.jackson.databind.JsonNode;

/**
 * One of shared/datasets, as copied under src/test/resources/datasets: {@code inputs/} to upload
 * together and {@code expected/} results. Large inputs are kept gzipped ({@code *.gz}) and restored
 * before uploading.
 */
record Dataset(String name, Path dir) {

  static Dataset named(String name) {
    URL url = Dataset.class.getResource("/datasets/" + name);
    if (url == null) {
      throw new IllegalArgumentException("no dataset " + name + " among the test resources");
    }
    try {
      return new Dataset(name, Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The input files by name, each gzipped one decompressed into {@code scratch} first. */
  List<Path> inputs(Path scratch) throws IOException {
    List<Path> files = new ArrayList<>();
    try (Stream<Path> listing = Files.list(dir.resolve("inputs"))) {
      for (Path file : listing.sorted().toList()) {
        String fileName = file.getFileName().toString();
        if (fileName.endsWith(".gz")) {
          Path plain = scratch.resolve(fileName.substring(0, fileName.length() - 3));
          try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            Files.copy(in, plain);
          }
          files.add(plain);
        } else {
          files.add(file);
        }
      }
    }
    return files;
  }

  String expectedOrdersCsv() {
    return expected("orders.csv");
  }

  JsonNode expectedSummary() {
    return Json.MAPPER.readTree(expected("summary.json"));
  }

  /** Whether expected/ holds the figures of SPEC §8 (not for bad-files, which has no orders). */
  boolean hasExpectedMoney() {
    return Files.exists(dir.resolve("expected").resolve("money.json"));
  }

  String expectedOrdersMoneyCsv() {
    return expected("orders_money.csv");
  }

  JsonNode expectedMoney() {
    return Json.MAPPER.readTree(expected("money.json"));
  }

  String expectedRejectedCsv() {
    return expected("rejected.csv");
  }

  private String expected(String file) {
    try {
      return Files.readString(dir.resolve("expected").resolve(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
