package dev.recon.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * A PostgreSQL server (zonky's embedded binaries) whose cluster lives in a directory of ours, so a
 * restart on the same directory keeps every database. As root, zonky runs the server in a user
 * namespace ({@code unshare -U}), which PostgreSQL accepts as a non-root user.
 */
public final class LocalPostgres implements AutoCloseable {
  private final EmbeddedPostgres postgres;
  private final Path dataDir;

  private LocalPostgres(EmbeddedPostgres postgres, Path dataDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
  }

  /**
   * Starts the server on {@code port} with its cluster in {@code dataDir} (initialised on first
   * use) and the server's own output appended to {@code logFile}.
   */
  public static LocalPostgres start(Path dataDir, int port, Path logFile) throws IOException {
    Files.createDirectories(dataDir);
    Files.createDirectories(logFile.getParent());
    Redirect log = Redirect.appendTo(logFile.toFile());
    return new LocalPostgres(
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDir.toAbsolutePath())
            .setCleanDataDirectory(false)
            .setPort(port)
            // The library's default is off, made for tests: a commit the sink has reported (and
            // whose Kafka offsets it then commits) must be on disk.
            .setServerConfig("synchronous_commit", "on")
            // 128 MB by default: a million orders' tables and indexes outgrow it, and over the
            // 1,000,000-order benchmark PostgreSQL used 159 s of CPU with 1 GB against 182 s.
            .setServerConfig("shared_buffers", "1GB")
            // The first change of a page after a checkpoint writes the whole page to the WAL, and
            // an order's write changes a page of each of its fourteen indexes. With the defaults
            // (1 GB, 5 min) a million orders made 112 checkpoints and 57 GB of WAL, most of it
            // such page images; fewer checkpoints write each hot page once per checkpoint. The
            // price: a server killed mid-load replays up to this much WAL when it starts again.
            .setServerConfig(
                "max_wal_size", System.getenv().getOrDefault("RECON_POSTGRES_MAX_WAL_SIZE", "8GB"))
            .setServerConfig(
                "checkpoint_timeout",
                System.getenv().getOrDefault("RECON_POSTGRES_CHECKPOINT_TIMEOUT", "15min"))
            // Stopped by its owner, in order: after the services that hold connections to it.
            .setRegisterShutdownHook(false)
            .setPGStartupWait(Duration.ofSeconds(60))
            .setOutputRedirector(log)
            .setErrorRedirector(log)
            .start(),
        dataDir);
  }

  /** The server's process id, as it wrote it in its cluster directory; empty when not running. */
  public OptionalLong pid() {
    try (BufferedReader reader = Files.newBufferedReader(dataDir.resolve("postmaster.pid"))) {
      String first = reader.readLine();
      return first == null ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(first.strip()));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  public int port() {
    return postgres.getPort();
  }

  /**
   * Creates the login role and the database it owns when they do not exist yet; either way answers
   * how to reach the database.
   */
  public Database ensureDatabase(String name, String user, String password) {
    try (Connection c = postgres.getPostgresDatabase().getConnection()) {
      ensureDatabase(c, name, user, password);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name + " for " + user, e);
    }
    return new Database(
        "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/" + name, user, password);
  }

  /**
   * Over {@code superuser}'s connection to any PostgreSQL server: creates the login role and the
   * database it owns when they do not exist yet.
   */
  static void ensureDatabase(Connection superuser, String name, String user, String password)
      throws SQLException {
    if (!exists(superuser, "SELECT 1 FROM pg_roles WHERE rolname = ?", user)) {
      try (Statement s = superuser.createStatement()) {
        s.execute(
            "CREATE ROLE "
                + identifier(user)
                + " LOGIN PASSWORD '"
                + password.replace("'", "''")
                + "'");
      }
    }
    if (!exists(superuser, "SELECT 1 FROM pg_database WHERE datname = ?", name)) {
      try (Statement s = superuser.createStatement()) {
        s.execute("CREATE DATABASE " + identifier(name) + " OWNER " + identifier(user));
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }

  private static boolean exists(Connection c, String query, String value) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(query)) {
      s.setString(1, value);
      try (ResultSet r = s.executeQuery()) {
        return r.next();
      }
    }
  }

  private static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }
}
