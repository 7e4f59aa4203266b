package dev.recon.ingest.parse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** Builds ZIP files, sound or damaged, for tests. */
final class TestZips {

  private TestZips() {}

  /** A ZIP of these entries, in order; a name ending in {@code /} is a folder. */
  static byte[] zip(Map<String, byte[]> entries) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
        zip.putNextEntry(new ZipEntry(entry.getKey()));
        zip.write(entry.getValue());
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Map<String, byte[]> entries(Path zipFile) throws IOException {
    Map<String, byte[]> entries = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        try (InputStream in = zip.getInputStream(entry)) {
          entries.put(entry.getName(), in.readAllBytes());
        }
      }
    }
    return entries;
  }

  /** A copy of a ZIP (an XLSX, say) with one entry's text changed. */
  static void rewrite(Path zipFile, String entryName, UnaryOperator<String> change, Path target)
      throws IOException {
    Map<String, byte[]> entries = entries(zipFile);
    String text = new String(entries.get(entryName), StandardCharsets.UTF_8);
    entries.put(entryName, change.apply(text).getBytes(StandardCharsets.UTF_8));
    Files.write(target, zip(entries));
  }

  /** Offsets of every central directory header (signature PK 1 2). */
  static int[] centralHeaders(byte[] zip) {
    return java.util.stream.IntStream.range(0, zip.length - 3)
        .filter(i -> zip[i] == 'P' && zip[i + 1] == 'K' && zip[i + 2] == 1 && zip[i + 3] == 2)
        .toArray();
  }

  static void putInt(byte[] bytes, int offset, long value) {
    for (int i = 0; i < 4; i++) {
      bytes[offset + i] = (byte) (value >>> (8 * i));
    }
  }
}
