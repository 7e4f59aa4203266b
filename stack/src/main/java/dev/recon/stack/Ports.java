package dev.recon.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Port choice. A stack remembers the ports it picked in its data directory and takes them again on
 * the next start when they are still free, so that the Kafka and PostgreSQL addresses printed once
 * stay valid for a service started by hand with {@code ./recon service}.
 */
final class Ports {
  private final Path file;
  private final Properties remembered = new Properties();

  private Ports(Path file) {
    this.file = file;
  }

  static Ports rememberedIn(Path file) throws IOException {
    Ports ports = new Ports(file);
    if (Files.exists(file)) {
      try (InputStream in = Files.newInputStream(file)) {
        ports.remembered.load(in);
      }
    }
    return ports;
  }

  /**
   * {@code requested} when it is not 0, else the port remembered under {@code name} if it is free,
   * else a free one; the result is remembered.
   */
  int pick(String name, int requested) throws IOException {
    int port = requested;
    if (port == 0) {
      String before = remembered.getProperty(name);
      port = before != null && isFree(Integer.parseInt(before)) ? Integer.parseInt(before) : free();
    }
    remembered.setProperty(name, Integer.toString(port));
    Files.createDirectories(file.getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      remembered.store(out, "ports of the last start, taken again when free");
    }
    return port;
  }

  /**
   * A port free on 127.0.0.1 right now. Another process may take it before it is bound again; that
   * race is accepted for a local stack.
   */
  static int free() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
