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
import java.util.HashSet;
import java.util.Properties;
import java.util.Random;
import java.util.Set;

/**
 * Port choice. A stack remembers the ports it picked in its data directory and takes them again on
 * the next start when they are still free, so that the Kafka and PostgreSQL addresses printed once
 * stay valid for a service started by hand with {@code ./recon service}.
 */
public final class Ports {
  private static final int OUTGOING_RANGE_START = outgoingRangeStart();
  private static final int LOWEST_CHOSEN = 10_000;
  private static final Random RANDOM = new Random();
  private static final Set<Integer> HANDED_OUT = new HashSet<>();

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
   * A port free on 127.0.0.1 right now, chosen below the kernel's range for outgoing connections,
   * and never twice by this JVM. A port from that range (what binding port 0 gives) can become the
   * source port of any new connection, a starting service's Kafka or PostgreSQL connections among
   * them, before the service binds it: a test run once failed that way ("Port 33371 was already in
   * use"). Another listener may still take the port first; that race is accepted.
   */
  public static synchronized int free() {
    int below = OUTGOING_RANGE_START;
    if (below - LOWEST_CHOSEN < 1_000) {
      return anyFree();
    }
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = LOWEST_CHOSEN + RANDOM.nextInt(below - LOWEST_CHOSEN);
      if (HANDED_OUT.add(port) && isFree(port)) {
        return port;
      }
    }
    return anyFree();
  }

  private static int anyFree() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on the loopback interface", e);
    }
  }

  /** Linux says where its range starts; elsewhere (macOS: 49152) 32768 is below it too. */
  private static int outgoingRangeStart() {
    try {
      // Not readString: it reads one byte of this file, whose size the kernel reports as 0.
      String range =
          Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).get(0).strip();
      return Integer.parseInt(range.split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return 32_768;
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
