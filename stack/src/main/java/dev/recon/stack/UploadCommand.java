package dev.recon.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code recon upload}: sends report files to the gateway, follows each upload until the pipeline
 * is done with it, then shows the reconciliation summary. Exits 1 when a file was refused, rejected
 * or failed.
 */
final class UploadCommand {
  static final String USAGE =
      "recon upload [--url http://localhost:8080] [--kind mtr|payment] [--timeout SECONDS]"
          + " [--token TOKEN] FILE...";
  private static final Set<String> OPTIONS = Set.of("url", "kind", "timeout", "token");
  private static final Set<String> KINDS = Set.of("mtr", "payment");

  /** Often, as a month's upload is reconciled in seconds and the user waits for the last poll. */
  private static final Duration POLL = Duration.ofMillis(100);

  /** A line at most this often for an upload whose status stays the same, only its counts move. */
  private static final Duration PROGRESS_LINE_EVERY = Duration.ofSeconds(1);

  private static final long DEFAULT_TIMEOUT_SECONDS = 3600;

  private final PrintStream out;

  UploadCommand(PrintStream out) {
    this.out = out;
  }

  int run(List<String> arguments) throws IOException, InterruptedException {
    Args args = Args.parse(arguments, OPTIONS);
    URI url = URI.create(args.text("url").orElse("http://localhost:8080"));
    Optional<String> kind = args.text("kind").map(k -> k.toLowerCase(Locale.ROOT));
    if (kind.isPresent() && !KINDS.contains(kind.get())) {
      throw new Args.UsageException("--kind must be mtr or payment, not " + kind.get());
    }
    Duration timeout = Duration.ofSeconds(args.positiveLong("timeout", DEFAULT_TIMEOUT_SECONDS));
    List<Path> files = new ArrayList<>();
    for (String name : args.positional()) {
      Path file = Path.of(name);
      if (!Files.isRegularFile(file)) {
        throw new Args.UsageException("no such file: " + name);
      }
      files.add(file);
    }
    if (files.isEmpty()) {
      throw new Args.UsageException("name at least one file to upload");
    }

    // Building the JSON mapper takes a fresh JVM 0.3-0.8 s: done while the files are sent, the
    // answer does not wait for it.
    Thread warmUp = new Thread(Json::warmUp, "recon-json-warm-up");
    warmUp.setDaemon(true);
    warmUp.start();
    GatewayClient gateway =
        new GatewayClient(url, ApiToken.forClient(args.text("token"), Path.of(".recon-data")));
    UploadAnswer answer;
    try {
      answer = gateway.upload(files, kind);
    } catch (ConnectException e) {
      out.println("Cannot reach " + url + ": is the stack up? (./recon up)");
      return 1;
    }
    if (!answer.accepted()) {
      out.println(
          "The gateway refused the upload (HTTP "
              + answer.httpStatus()
              + "): "
              + Optional.ofNullable(answer.error()).orElse("no reason given"));
      answer.uploads().forEach(u -> out.println("  " + line(u)));
      return 1;
    }
    out.println("Uploaded " + files.size() + " file(s) to " + gateway.base() + ":");
    Map<String, UploadState> latest = new LinkedHashMap<>();
    for (UploadState upload : answer.uploads()) {
      latest.put(upload.id(), upload);
      out.println("  " + line(upload));
    }

    Instant deadline = Instant.now().plus(timeout);
    Map<String, Instant> printed = new HashMap<>();
    while (latest.values().stream().anyMatch(u -> !u.isFinal())) {
      if (Instant.now().isAfter(deadline)) {
        out.println("Gave up after " + timeout.toSeconds() + " s; still in progress:");
        latest.values().stream()
            .filter(u -> !u.isFinal())
            .forEach(u -> out.println("  " + line(u)));
        return 1;
      }
      Thread.sleep(POLL.toMillis());
      for (Map.Entry<String, UploadState> entry : latest.entrySet()) {
        UploadState before = entry.getValue();
        if (before.isFinal()) {
          continue;
        }
        UploadState now = gateway.upload(entry.getKey());
        Instant lastLine = printed.getOrDefault(entry.getKey(), Instant.MIN);
        boolean news =
            !now.status().equals(before.status())
                || (!line(now).equals(line(before))
                    && Instant.now().isAfter(lastLine.plus(PROGRESS_LINE_EVERY)));
        if (news) {
          out.println("  " + line(now));
          printed.put(entry.getKey(), Instant.now());
          entry.setValue(now);
        }
      }
    }

    List<UploadState> bad = latest.values().stream().filter(u -> !u.isReconciled()).toList();
    if (!bad.isEmpty()) {
      out.println();
      out.println("Not reconciled:");
      for (UploadState upload : bad) {
        out.println(
            "  "
                + upload.fileName()
                + ": "
                + upload.status()
                + " - "
                + Optional.ofNullable(upload.error()).orElse("no reason given"));
      }
    }
    out.println();
    printSummary(gateway.summary());
    return bad.isEmpty() ? 0 : 1;
  }

  /** One upload on one line: what changed since the last line is what the user watches. */
  static String line(UploadState upload) {
    StringBuilder text = new StringBuilder();
    text.append('[').append(upload.id()).append("] ").append(upload.fileName());
    if (upload.kind() != null) {
      text.append(" (").append(upload.kind()).append(')');
    }
    text.append("  ").append(upload.status());
    if (upload.rowsPublished() != null) {
      text.append("  rows ").append(upload.rowsPublished());
    }
    if (upload.progress() != null && upload.progress().isObject()) {
      List<String> fields = new ArrayList<>();
      for (Map.Entry<String, JsonNode> field : upload.progress().properties()) {
        fields.add(field.getKey() + "=" + Json.text(field.getValue()));
      }
      if (!fields.isEmpty()) {
        text.append("  ").append(String.join(" ", fields));
      }
    }
    if (upload.error() != null) {
      text.append("  ").append(upload.error());
    }
    return text.toString();
  }

  private void printSummary(JsonNode summary) {
    out.println("Summary");
    for (Map.Entry<String, JsonNode> section : summary.properties()) {
      JsonNode value = section.getValue();
      if (value.isObject()) {
        out.println("  " + heading(section.getKey()));
        printRows(value);
      } else if (value.isArray()) {
        out.println("  " + heading(section.getKey()));
        if (value.isEmpty()) {
          out.println("    (none)");
        }
        for (JsonNode item : value) {
          out.println("    " + item(item));
        }
      } else {
        out.println("  " + heading(section.getKey()) + ": " + Json.text(value));
      }
    }
  }

  private void printRows(JsonNode object) {
    int width = 0;
    for (String name : object.propertyNames()) {
      width = Math.max(width, name.length());
    }
    for (Map.Entry<String, JsonNode> row : object.properties()) {
      out.printf(
          Locale.ROOT, "    %-" + width + "s  %12s%n", row.getKey(), Json.text(row.getValue()));
    }
  }

  /** A non-order charge reads best as description, line count, amount; anything else as pairs. */
  private static String item(JsonNode item) {
    if (item.has("description") && item.has("lines") && item.has("amount")) {
      return String.format(
          Locale.ROOT,
          "%-40s %6s lines %14s",
          Json.text(item.get("description")),
          Json.text(item.get("lines")),
          Json.text(item.get("amount")));
    }
    if (!item.isObject()) {
      return Json.text(item);
    }
    List<String> fields = new ArrayList<>();
    for (Map.Entry<String, JsonNode> field : item.properties()) {
      fields.add(field.getKey() + "=" + Json.text(field.getValue()));
    }
    return String.join("  ", fields);
  }

  private static String heading(String name) {
    String words = name.replace('_', ' ');
    if (words.equals("non order charges")) {
      return "Non-order charges";
    }
    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }
}
