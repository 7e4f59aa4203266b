package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalPostgresIT {
  @TempDir Path dir;

  @Test
  void createsTheDatabaseOnceAndKeepsItsDataAcrossARestart() throws Exception {
    Path data = dir.resolve("postgres");
    Path log = dir.resolve("postgres.log");
    try (LocalPostgres postgres = LocalPostgres.start(data, Ports.free(), log)) {
      Database db = postgres.ensureDatabase("recon", "recon", "recon");
      try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE kept (id int)");
        s.execute("INSERT INTO kept VALUES (42)");
      }
    }

    try (LocalPostgres postgres = LocalPostgres.start(data, Ports.free(), log)) {
      Database db = postgres.ensureDatabase("recon", "recon", "recon");
      try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password());
          Statement s = c.createStatement();
          ResultSet r = s.executeQuery("SELECT id FROM kept")) {
        assertThat(r.next()).isTrue();
        assertThat(r.getInt(1)).isEqualTo(42);
        assertThat(r.next()).isFalse();
      }
    }
  }
}
