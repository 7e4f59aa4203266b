package dev.recon.stack;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16, item 11: CSRF protection is off (credentials travel in a header, there is no session),
 * yet a browser that has logged in with HTTP basic sends those credentials with any request to the
 * gateway, a hostile page's form POST included. The guard is the CORS check: a state-changing call
 * whose {@code Origin} is not allowed is refused before it does anything. A test per such call,
 * each with the credentials a browser would add; then the same calls from the gateway's own origin,
 * so that the refusals are the origin's doing and not a bad request's.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CrossSiteRequestIT {
  private static final String HOSTILE_PAGE = "https://hostile.example";

  /** What a browser sends from a sandboxed frame or a {@code data:} page. */
  private static final String OPAQUE_ORIGIN = "null";

  private static Stack stack;
  private static String basicCredentials;
  private static Path mtr;
  private static Path payment;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("cross-site");
    basicCredentials =
        "Basic "
            + Base64.getEncoder().encodeToString(("recon:" + stack.apiToken()).getBytes(UTF_8));
    Path inputs = Dataset.named("small").dir().resolve("inputs");
    mtr = inputs.resolve("mtr.csv");
    payment = inputs.resolve("payment.csv");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Order(1)
  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(strings = {HOSTILE_PAGE, OPAQUE_ORIGIN})
  void aCrossSiteUploadWithBasicCredentialsIsRefusedAndRecordsNothing(String origin)
      throws Exception {
    HttpResponse<String> answer = post("/api/uploads", origin, Map.of("file", mtr));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(get("/api/uploads").path("uploads").size()).isZero();
  }

  @Order(1)
  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(strings = {HOSTILE_PAGE, OPAQUE_ORIGIN})
  void aCrossSiteProcessFilesWithBasicCredentialsIsRefusedAndRecordsNothing(String origin)
      throws Exception {
    HttpResponse<String> answer =
        post("/process-files", origin, Map.of("mtr_file", mtr, "payment_file", payment));

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(get("/api/uploads").path("uploads").size()).isZero();
  }

  @Order(1)
  @ParameterizedTest(name = "Origin: {0}")
  @ValueSource(strings = {HOSTILE_PAGE, OPAQUE_ORIGIN})
  void aCrossSiteReplayWithBasicCredentialsIsRefusedAndStartsNone(String origin) throws Exception {
    HttpResponse<String> answer = post("/api/admin/replays", origin, Map.of());

    assertThat(answer.statusCode()).isEqualTo(403);
    assertThat(get("/api/admin/replays").size()).isZero();
  }

  @Order(2)
  @Test
  void theSameCallsFromTheGatewaysOwnPagesAreAccepted() throws Exception {
    String ownOrigin = stack.gatewayUrl().toString();

    HttpResponse<String> upload = post("/api/uploads", ownOrigin, Map.of("file", mtr));
    assertThat(upload.statusCode()).as(upload.body()).isEqualTo(202);
    assertThat(get("/api/uploads").path("uploads").size()).isOne();

    HttpResponse<String> replay = post("/api/admin/replays", ownOrigin, Map.of());
    assertThat(replay.statusCode()).as(replay.body()).isEqualTo(202);
    assertThat(get("/api/admin/replays").size()).isOne();
  }

  /** A form POST as a browser sends it: multipart (or empty), with its origin and credentials. */
  private static HttpResponse<String> post(String path, String origin, Map<String, Path> files)
      throws Exception {
    String boundary = "cross-site-" + UUID.randomUUID();
    List<BodyPublisher> parts = new ArrayList<>();
    for (Map.Entry<String, Path> file : files.entrySet()) {
      parts.add(
          BodyPublishers.ofString(
              "--"
                  + boundary
                  + "\r\nContent-Disposition: form-data; name=\""
                  + file.getKey()
                  + "\"; filename=\""
                  + file.getValue().getFileName()
                  + "\"\r\nContent-Type: text/csv\r\n\r\n"));
      parts.add(BodyPublishers.ofByteArray(Files.readAllBytes(file.getValue())));
      parts.add(BodyPublishers.ofString("\r\n"));
    }
    parts.add(BodyPublishers.ofString("--" + boundary + "--\r\n"));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
            .header("Origin", origin)
            .header("Authorization", basicCredentials)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(BodyPublishers.concat(parts.toArray(BodyPublisher[]::new)))
            .build();
    return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
  }

  /** What the gateway has recorded, asked without an origin, as a script or the CLI would. */
  private static JsonNode get(String path) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
            .header("Authorization", basicCredentials)
            .GET()
            .build();
    HttpResponse<String> answer =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return Json.MAPPER.readTree(answer.body());
  }
}
