package dev.recon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortsIT {

  @Test
  void freePortsAreBindableDistinctAndBelowTheRangeOfOutgoingConnections() throws IOException {
    Path range = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    int outgoingFrom =
        Files.exists(range)
            ? Integer.parseInt(Files.readAllLines(range).get(0).strip().split("\\s+")[0])
            : 32_768;
    Set<Integer> ports = new HashSet<>();
    for (int i = 0; i < 200; i++) {
      int port = Ports.free();
      assertThat(ports.add(port)).as("port %d handed out twice", port).isTrue();
      assertThat(port).isBetween(10_000, outgoingFrom - 1);
      try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
        assertThat(socket.getLocalPort()).isEqualTo(port);
      }
    }
  }
}
