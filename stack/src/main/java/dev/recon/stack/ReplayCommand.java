package dev.recon.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code recon replay}: rebuilds every result from the topics through the gateway's admin API,
 * showing progress until the replay is done. Exits 1 when it failed or could not start.
 */
final class ReplayCommand {
  static final String USAGE =
      "recon replay [--url http://localhost:8080] [--token TOKEN] [--data-dir ./.recon-data]"
          + " [--timeout SECONDS]";
  private static final Set<String> OPTIONS = Set.of("url", "token", "data-dir", "timeout");
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long DEFAULT_TIMEOUT_SECONDS = 3600;

  private final PrintStream out;

  ReplayCommand(PrintStream out) {
    this.out = out;
  }

  int run(List<String> arguments) throws IOException, InterruptedException {
    Args args = Args.parse(arguments, OPTIONS);
    URI url = URI.create(args.text("url").orElse("http://localhost:8080"));
    Path dataDir = Path.of(args.text("data-dir").orElse(".recon-data"));
    Optional<String> token = ApiToken.forClient(args.text("token"), dataDir);
    if (token.isEmpty()) {
      throw new Args.UsageException(
          "a replay needs the API token: --token, RECON_API_TOKEN, or a stack's --data-dir");
    }
    Duration timeout = Duration.ofSeconds(args.positiveLong("timeout", DEFAULT_TIMEOUT_SECONDS));
    GatewayClient gateway = new GatewayClient(url, token);
    JsonNode replay;
    try {
      replay = gateway.startReplay();
    } catch (ConnectException e) {
      out.println("Cannot reach " + url + ": is the stack up? (./recon up)");
      return 1;
    }
    long id = replay.path("id").asLong();
    out.println("Replay " + id + ": every result is being rebuilt from the topics.");
    Instant deadline = Instant.now().plus(timeout);
    String shown = "";
    while (true) {
      String status = replay.path("status").asText();
      String line = progress(replay);
      if (!line.equals(shown)) {
        out.println("  " + line);
        shown = line;
      }
      if (status.equals("DONE")) {
        return 0;
      }
      if (status.equals("FAILED")) {
        out.println("  " + replay.path("error").asText());
        return 1;
      }
      if (Instant.now().isAfter(deadline)) {
        out.println("  still " + status + " after " + timeout.toSeconds() + " s; it goes on");
        return 1;
      }
      Thread.sleep(POLL.toMillis());
      replay = gateway.replay(id);
    }
  }

  private static String progress(JsonNode replay) {
    String status = replay.path("status").asText();
    return switch (status) {
      case "PAUSING" -> "pausing the transform and merge instances...";
      case "RESETTING" -> "resetting offsets, state and the read model...";
      case "REPROCESSING", "DONE" ->
          String.format(
              Locale.ROOT,
              "%s: %d of %d uploads reconciled again (%d of %d rows)",
              status.equals("DONE") ? "done" : "reprocessing",
              replay.path("uploadsDone").asLong(),
              replay.path("uploadsTotal").asLong(),
              replay.path("rowsDone").asLong(),
              replay.path("rowsTotal").asLong());
      default -> status.toLowerCase(Locale.ROOT);
    };
  }
}
