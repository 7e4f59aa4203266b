package dev.recon.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code recon retract ID}: takes an upload back through the gateway's API (SPEC §8.3) and follows
 * it until RETRACTED, when no result holds anything of it. Exits 1 when it could not be retracted.
 */
final class RetractCommand {
  static final String USAGE =
      "recon retract UPLOAD_ID [--url http://localhost:8080] [--token TOKEN]"
          + " [--data-dir ./.recon-data] [--timeout SECONDS]";
  private static final Set<String> OPTIONS = Set.of("url", "token", "data-dir", "timeout");
  private static final Duration POLL = Duration.ofMillis(500);
  private static final long DEFAULT_TIMEOUT_SECONDS = 3600;

  private final PrintStream out;

  RetractCommand(PrintStream out) {
    this.out = out;
  }

  int run(List<String> arguments) throws IOException, InterruptedException {
    Args args = Args.parse(arguments, OPTIONS);
    if (args.positional().size() != 1) {
      throw new Args.UsageException("give the id of one upload to retract");
    }
    long uploadId;
    try {
      uploadId = Long.parseLong(args.positional().get(0));
    } catch (NumberFormatException e) {
      throw new Args.UsageException(
          "'" + args.positional().get(0) + "' is not an upload id (a number)");
    }
    URI url = URI.create(args.text("url").orElse("http://localhost:8080"));
    Path dataDir = Path.of(args.text("data-dir").orElse(".recon-data"));
    Optional<String> token = ApiToken.forClient(args.text("token"), dataDir);
    if (token.isEmpty()) {
      throw new Args.UsageException(
          "a retraction needs the API token: --token, RECON_API_TOKEN, or a stack's --data-dir");
    }
    Duration timeout = Duration.ofSeconds(args.positiveLong("timeout", DEFAULT_TIMEOUT_SECONDS));
    GatewayClient gateway = new GatewayClient(url, token);
    JsonNode upload;
    try {
      upload = gateway.retract(uploadId);
    } catch (ConnectException e) {
      out.println("Cannot reach " + url + ": is the stack up? (./recon up)");
      return 1;
    }
    out.println(
        "Upload "
            + uploadId
            + " ("
            + upload.path("fileName").asText()
            + ") is being retracted: every result is rebuilt without it.");
    Instant deadline = Instant.now().plus(timeout);
    while (!upload.path("status").asText().equals("RETRACTED")) {
      if (Instant.now().isAfter(deadline)) {
        out.println(
            "  still "
                + upload.path("status").asText()
                + " after "
                + timeout.toSeconds()
                + " s; it goes on");
        return 1;
      }
      Thread.sleep(POLL.toMillis());
      upload = gateway.uploadById(uploadId);
    }
    out.println("  retracted: no result holds anything of it any more.");
    return 0;
  }
}
