package dev.recon.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** The machine a benchmark ran on, in one line, so that numbers are never read without it. */
final class Machine {
  private Machine() {}

  static String describe() {
    String cpu =
        firstValue(Path.of("/proc/cpuinfo"), "model name").orElse(System.getProperty("os.arch"));
    String memory =
        firstValue(Path.of("/proc/meminfo"), "MemTotal")
            .map(
                kb ->
                    String.format(
                        Locale.ROOT,
                        "%.1f GiB RAM",
                        Long.parseLong(kb.replace("kB", "").strip()) / 1048576.0))
            .orElse("RAM unknown");
    String load =
        read(Path.of("/proc/loadavg"))
            .map(text -> ", load " + text.split(" ")[0] + " at start")
            .orElse("");
    return String.format(
        Locale.ROOT,
        "%s, %d cores, %s, %s %s, Java %s%s",
        cpu,
        Runtime.getRuntime().availableProcessors(),
        memory,
        System.getProperty("os.name"),
        System.getProperty("os.version"),
        System.getProperty("java.version"),
        load);
  }

  private static Optional<String> firstValue(Path file, String key) {
    return read(file)
        .flatMap(
            text ->
                text.lines()
                    .filter(line -> line.startsWith(key))
                    .map(line -> line.substring(line.indexOf(':') + 1).strip())
                    .findFirst());
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      // not Linux: the description says less
      return Optional.empty();
    }
  }
}
