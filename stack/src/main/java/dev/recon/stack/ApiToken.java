package dev.recon.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The gateway's API token on a local stack: {@code RECON_API_TOKEN} when set, otherwise a random
 * one kept in the data dir (readable by its owner only), so that the CLI finds it there.
 */
public final class ApiToken {
  static final String VARIABLE = "RECON_API_TOKEN";
  private static final String FILE = "api-token";

  private ApiToken() {}

  /** The token a stack's gateway runs with, created on its first start. */
  static String ofStack(Path dataDir) throws IOException {
    String fromEnvironment = System.getenv(VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    Path file = dataDir.resolve(FILE);
    if (Files.exists(file)) {
      return Files.readString(file).strip();
    }
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    Files.writeString(file, token);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    return token;
  }

  /** The token a CLI command sends: {@code --token}, else the variable, else the data dir's. */
  static Optional<String> forClient(Optional<String> option, Path dataDir) throws IOException {
    if (option.isPresent()) {
      return option;
    }
    String fromEnvironment = System.getenv(VARIABLE);
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return Optional.of(fromEnvironment);
    }
    Path file = dataDir.resolve(FILE);
    return Files.exists(file) ? Optional.of(Files.readString(file).strip()) : Optional.empty();
  }
}
