package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replays through the running system: they rebuild every result from the topics, exactly, and with
 * the configuration the services run with now. Admin calls need the API token.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplayIT {
  private static final String BANDS_AFTER_CHANGE = "*:60";
  private static final BigDecimal MINIMUM_AFTER_CHANGE = new BigDecimal("60");

  private static Stack stack;
  private static String exportBeforeReplay;

  @BeforeAll
  static void start() throws Exception {
    stack = LocalStack.start("replay");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
  }

  @Test
  @Order(1)
  void aReplayNeedsTheApiToken(@TempDir Path scratch) throws Exception {
    Dataset dataset = Dataset.named("small");
    Results results =
        new UploadClient(stack).reconcile(dataset.inputs(scratch), Duration.ofMinutes(3));
    ResultComparison.assertMatches(dataset, results);
    exportBeforeReplay = new GatewayClient(stack.gatewayUrl()).ordersCsv();

    assertThat(post("/api/admin/replays", Optional.empty()).statusCode()).isEqualTo(401);
    HttpResponse<String> wrongToken = post("/api/admin/replays", Optional.of("not-the-token"));
    assertThat(wrongToken.statusCode()).isEqualTo(401);
    assertThat(wrongToken.body()).contains("authentication required");
  }

  @Test
  @Order(2)
  void aReplayRebuildsExactlyTheSameResults() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    int exit =
        Recon.run(
            List.of(
                "replay",
                "--url",
                stack.gatewayUrl().toString(),
                "--data-dir",
                stack.options().dataDir().toString(),
                "--timeout",
                "180"),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            System.err);

    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(printed).isZero();
    assertThat(printed).contains("done: 4 of 4 uploads reconciled again");
    GatewayClient gateway = new GatewayClient(stack.gatewayUrl());
    assertThat(gateway.ordersCsv()).isEqualTo(exportBeforeReplay);
    Dataset dataset = Dataset.named("small");
    assertThat(ResultComparison.summary(dataset.expectedSummary(), gateway.summary())).isEmpty();
  }

  /**
   * SPEC §5: with one band of minimum 60, an order whose tolerance applies is within tolerance
   * exactly when its payout percent is above 60; nothing else changes. The restarted gateway also
   * runs with scope all, where every call needs the token.
   */
  @Test
  @Order(3)
  void afterABandChangeAndARestartAReplayAppliesTheNewBandsToEveryPastOrder() throws Exception {
    List<String> restartedJvm = new ArrayList<>(stack.options().serviceJvmArgs());
    restartedJvm.add("-Drecon.tolerance.bands=" + BANDS_AFTER_CHANGE);
    restartedJvm.add("-Drecon.security.scope=all");
    StackOptions options = stack.options().withServiceJvmArgs(restartedJvm);
    stack = LocalStack.restart(stack, options);
    GatewayClient gateway = new GatewayClient(stack.gatewayUrl(), Optional.of(stack.apiToken()));
    assertThat(get("/api/summary", Optional.empty()).statusCode()).isEqualTo(401);
    assertThat(gateway.ordersCsv())
        .as("a restart alone recomputes nothing")
        .isEqualTo(exportBeforeReplay);

    long id = gateway.startReplay().path("id").asLong();
    await("replay " + id)
        .atMost(Duration.ofMinutes(3))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> gateway.replay(id).path("status").asText(), status -> status.equals("DONE"));

    List<List<String>> before = Csv.parse(exportBeforeReplay);
    List<List<String>> predicted = new ArrayList<>();
    int changed = 0;
    List<String> header = before.get(0);
    int status = header.indexOf("tolerance_status");
    int payout = header.indexOf("payout_percent");
    for (List<String> row : before) {
      List<String> next = new ArrayList<>(row);
      if (row != before.get(0) && !row.get(status).equals("Not Applicable")) {
        BigDecimal percent = new BigDecimal(row.get(payout));
        assertThat(percent.subtract(MINIMUM_AFTER_CHANGE).abs())
            .as("no order sits on the new minimum, where rounding could decide")
            .isGreaterThan(new BigDecimal("0.01"));
        next.set(
            status,
            percent.compareTo(MINIMUM_AFTER_CHANGE) > 0
                ? "Within Tolerance"
                : "Tolerance Breached");
        changed += next.get(status).equals(row.get(status)) ? 0 : 1;
      }
      predicted.add(next);
    }
    assertThat(changed).as("orders whose status the new band changes").isPositive();
    assertThat(Csv.parse(gateway.ordersCsv())).isEqualTo(predicted);
  }

  private static HttpResponse<String> post(String path, Optional<String> token) throws Exception {
    return send(HttpRequest.newBuilder(url(path)).POST(HttpRequest.BodyPublishers.noBody()), token);
  }

  private static HttpResponse<String> get(String path, Optional<String> token) throws Exception {
    return send(HttpRequest.newBuilder(url(path)).GET(), token);
  }

  private static URI url(String path) {
    return URI.create(stack.gatewayUrl() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request, Optional<String> token)
      throws Exception {
    token.ifPresent(secret -> request.header("Authorization", "Bearer " + secret));
    // A client per request: a pooled connection to the gateway before its restart would be dead.
    return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
  }
}
