package dev.recon.stack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** The gateway's HTTP API, as the CLI and the end-to-end tests use it. */
public final class GatewayClient {
  private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(5);

  private final URI base;
  private final Optional<String> token;
  private final HttpClient http;

  public GatewayClient(URI base) {
    this(base, Optional.empty());
  }

  /** A client that sends {@code token} as a bearer token with every request. */
  public GatewayClient(URI base, Optional<String> token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    this.token = token;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  }

  public URI base() {
    return base;
  }

  /**
   * Sends {@code files} in one multipart request, each as a part named "file", with a "kind" field
   * when one is given. A refusal (4xx) is an answer, not an exception.
   */
  public UploadAnswer upload(List<Path> files, Optional<String> kind)
      throws IOException, InterruptedException {
    String boundary = "recon-" + UUID.randomUUID();
    List<BodyPublisher> parts = new ArrayList<>();
    if (kind.isPresent()) {
      parts.add(
          ascii(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n"
                  + kind.get()
                  + "\r\n"));
    }
    for (Path file : files) {
      String name =
          file.getFileName().toString().replace("\"", "%22").replace("\r", "").replace("\n", "");
      parts.add(
          BodyPublishers.ofString(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                  + name
                  + "\"\r\nContent-Type: application/octet-stream\r\n\r\n",
              StandardCharsets.UTF_8));
      parts.add(BodyPublishers.ofFile(file));
      parts.add(ascii("\r\n"));
    }
    parts.add(ascii("--" + boundary + "--\r\n"));
    HttpRequest request =
        request("/api/uploads")
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .header("Accept", "application/json")
            .POST(BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)))
            .build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    JsonNode body = parse(request, response);
    if (response.statusCode() / 100 != 2 && response.statusCode() / 100 != 4) {
      throw failure(request, response);
    }
    List<UploadState> uploads = new ArrayList<>();
    for (JsonNode upload : body.path("uploads")) {
      uploads.add(UploadState.of(upload));
    }
    return new UploadAnswer(response.statusCode(), Json.text(body.path("error")), uploads);
  }

  /** {@code GET /api/uploads/{id}}. */
  public UploadState upload(String id) throws IOException, InterruptedException {
    return UploadState.of(json("/api/uploads/" + URLEncoder.encode(id, StandardCharsets.UTF_8)));
  }

  /** {@code GET /api/summary}. */
  public JsonNode summary() throws IOException, InterruptedException {
    return json("/api/summary");
  }

  /** {@code GET /api/summary/money}: the ledger's figures of SPEC §8.1-8.2. */
  public JsonNode money() throws IOException, InterruptedException {
    return json("/api/summary/money");
  }

  /** {@code GET /api/orders/export?format=csv}. */
  public String ordersCsv() throws IOException, InterruptedException {
    return text("/api/orders/export?format=csv");
  }

  /** {@code GET /api/uploads/{id}/rejected?format=csv}. */
  public String rejectedCsv(String id) throws IOException, InterruptedException {
    return text(
        "/api/uploads/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/rejected?format=csv");
  }

  /** {@code POST /api/admin/replays}: starts a replay; 202 with it, or 409 with the one running. */
  public JsonNode startReplay() throws IOException, InterruptedException {
    HttpRequest request =
        request("/api/admin/replays")
            .header("Accept", "application/json")
            .POST(BodyPublishers.noBody())
            .build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  /** {@code DELETE /api/uploads/{id}}: retracts an upload; 202 with it. */
  public JsonNode retract(long id) throws IOException, InterruptedException {
    HttpRequest request =
        request("/api/uploads/" + id).header("Accept", "application/json").DELETE().build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    if (response.statusCode() != 202) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  /** {@code GET /api/uploads/{id}}. */
  public JsonNode uploadById(long id) throws IOException, InterruptedException {
    return json("/api/uploads/" + id);
  }

  /** {@code GET /api/admin/replays}: the latest replays, newest first. */
  public JsonNode replays() throws IOException, InterruptedException {
    return json("/api/admin/replays");
  }

  /** {@code GET /api/admin/replays/{id}}. */
  public JsonNode replay(long id) throws IOException, InterruptedException {
    return json("/api/admin/replays/" + id);
  }

  private JsonNode json(String path) throws IOException, InterruptedException {
    HttpRequest request = request(path).header("Accept", "application/json").GET().build();
    HttpResponse<String> response = http.send(request, BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw failure(request, response);
    }
    return parse(request, response);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(resolve(path)).timeout(REQUEST_TIMEOUT);
    token.ifPresent(secret -> builder.header("Authorization", "Bearer " + secret));
    return builder;
  }

  private String text(String path) throws IOException, InterruptedException {
    HttpRequest request = request(path).GET().build();
    HttpResponse<String> response =
        http.send(request, BodyHandlers.ofString(StandardCharsets.UTF_8));
    if (response.statusCode() != 200) {
      throw failure(request, response);
    }
    return response.body();
  }

  private URI resolve(String pathAndQuery) {
    return URI.create(base + pathAndQuery);
  }

  private static JsonNode parse(HttpRequest request, HttpResponse<String> response)
      throws IOException {
    try {
      return Json.MAPPER.readTree(response.body());
    } catch (JacksonException e) {
      throw failure(request, response);
    }
  }

  private static IOException failure(HttpRequest request, HttpResponse<String> response) {
    String body = response.body() == null ? "" : response.body().strip();
    if (body.length() > 500) {
      body = body.substring(0, 500) + "...";
    }
    return new IOException(
        request.method()
            + " "
            + request.uri()
            + " answered "
            + response.statusCode()
            + (body.isEmpty() ? "" : ": " + body));
  }

  private static BodyPublisher ascii(String text) {
    return BodyPublishers.ofString(text, StandardCharsets.US_ASCII);
  }
}
