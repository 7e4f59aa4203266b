package dev.recon.stack.bench;

import dev.recon.stack.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import tools.jackson.databind.JsonNode;

/**
 * Memory of the service processes: the heap in use as each service's actuator reports it (sampled,
 * so the peak is the highest sample), and the peak resident set size the kernel kept for each
 * process ({@code VmHWM}, exact).
 */
final class ResourceSampler {
  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  /** One process to watch: its name, pid and, for a service, its actuator port. */
  record Watched(String name, long pid, OptionalLong actuatorPort) {}

  private final List<Watched> watched;
  private final long[] peakHeap;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  ResourceSampler(List<Watched> watched) {
    this.watched = List.copyOf(watched);
    this.peakHeap = new long[watched.size()];
  }

  List<Watched> watched() {
    return watched;
  }

  /** Asks each service for its heap in use now and keeps the highest answer. */
  void sample() throws InterruptedException {
    for (int i = 0; i < watched.size(); i++) {
      OptionalLong port = watched.get(i).actuatorPort();
      if (port.isEmpty()) {
        continue;
      }
      long heap = heapUsed(port.getAsLong());
      synchronized (peakHeap) {
        peakHeap[i] = Math.max(peakHeap[i], heap);
      }
    }
  }

  /** The highest heap in use sampled for the i-th watched process; 0 when never answered. */
  long peakHeap(int i) {
    synchronized (peakHeap) {
      return peakHeap[i];
    }
  }

  /** The process's peak resident set size in bytes; empty where /proc does not tell. */
  static OptionalLong peakRss(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmHWM:")) {
          String kb = line.substring("VmHWM:".length()).replace("kB", "").strip();
          return OptionalLong.of(Long.parseLong(kb) * 1024);
        }
      }
    } catch (IOException | NumberFormatException e) {
      // not Linux, or the process is gone: the report says n/a
    }
    return OptionalLong.empty();
  }

  private long heapUsed(long port) throws InterruptedException {
    URI uri =
        URI.create("http://127.0.0.1:" + port + "/actuator/metrics/jvm.memory.used?tag=area:heap");
    try {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
              HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        return 0;
      }
      for (JsonNode measurement : Json.MAPPER.readTree(response.body()).path("measurements")) {
        if ("VALUE".equals(Json.text(measurement.path("statistic")))) {
          return measurement.path("value").asLong();
        }
      }
    } catch (IOException | RuntimeException e) {
      // a busy service may not answer in time; the next sample asks again
    }
    return 0;
  }
}
