package dev.recon.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who this gateway is among the gateways sharing one broker and database. The name owns the uploads
 * it received (only this gateway has their spooled files, so only it resumes them) and the replays
 * it drives, and it names the gateway's Kafka transactional ids, so that a restart fences the
 * transactions its previous run left open. It must therefore survive restarts: {@code
 * RECON_INSTANCE_ID} when set, otherwise a name generated once and kept with the spooled files, not
 * the host name, which a container gets anew when it is recreated.
 */
public record GatewayInstance(String id) {

  private static final String FILE = "instance-id";

  public GatewayInstance {
    if (id.isBlank() || !id.matches("[A-Za-z0-9._-]+")) {
      throw new IllegalArgumentException(
          "RECON_INSTANCE_ID must be letters, digits, '.', '_' or '-': '" + id + "'");
    }
  }

  static GatewayInstance of(IngestProperties properties) throws IOException {
    if (!properties.instanceId().isBlank()) {
      return new GatewayInstance(properties.instanceId().strip());
    }
    Path file = Files.createDirectories(properties.spoolDir()).resolve(FILE);
    String generated =
        "gateway-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    try {
      Files.writeString(file, generated, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
      return new GatewayInstance(generated);
    } catch (FileAlreadyExistsException kept) {
      return new GatewayInstance(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
  }

  /** The prefix of this gateway's transactional ids; the producer factory appends a number. */
  public String transactionIdPrefix() {
    return "recon-ingest-" + id + "-";
  }
}
