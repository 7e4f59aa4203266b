package dev.recon.stack.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a person browsing orders feels while a large upload is processed: one request for a page of
 * orders ({@code GET /api/orders?page=1&size=50}) at a time, a short pause between them.
 */
final class ReadLatencyProbe {
  static final String PAGE = "/api/orders?page=1&size=50";
  private static final Duration PAUSE = Duration.ofMillis(250);
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /**
   * Latencies of the successful requests, and how many failed.
   *
   * @param millis each successful request's latency, in order
   */
  record Latencies(List<Double> millis, int failures) {
    double percentile(double p) {
      if (millis.isEmpty()) {
        return Double.NaN;
      }
      List<Double> sorted = millis.stream().sorted().toList();
      int rank = (int) Math.ceil(p / 100 * sorted.size());
      return sorted.get(Math.max(0, rank - 1));
    }
  }

  private final URI page;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
  private final List<Double> millis = new ArrayList<>();
  private int failures;
  private volatile boolean running = true;
  private final Thread thread;

  ReadLatencyProbe(URI gateway) {
    this.page = URI.create(gateway + PAGE);
    this.thread = new Thread(this::loop, "recon-bench-read-probe");
    thread.setDaemon(true);
  }

  void start() {
    thread.start();
  }

  Latencies stop() throws InterruptedException {
    running = false;
    thread.interrupt();
    thread.join(TIMEOUT.toMillis());
    synchronized (millis) {
      return new Latencies(List.copyOf(millis), failures);
    }
  }

  private void loop() {
    HttpRequest request = HttpRequest.newBuilder(page).timeout(TIMEOUT).GET().build();
    while (running) {
      long began = System.nanoTime();
      try {
        HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
        double took = (System.nanoTime() - began) / 1e6;
        synchronized (millis) {
          if (response.statusCode() == 200) {
            millis.add(took);
          } else {
            failures++;
          }
        }
        Thread.sleep(PAUSE.toMillis());
      } catch (IOException e) {
        synchronized (millis) {
          failures++;
        }
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
