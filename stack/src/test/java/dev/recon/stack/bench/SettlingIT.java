package dev.recon.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlingIT {

  @Test
  void anIdleProcessIsQuietAfterTheFirstWindow() throws IOException, InterruptedException {
    Process idle = new ProcessBuilder("sleep", "60").start();
    try {
      Duration waited = Settling.await(List.of(idle.pid()), Duration.ofSeconds(10));
      assertThat(waited).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(3));
    } finally {
      idle.destroyForcibly().waitFor();
    }
  }

  @Test
  void aBusyProcessIsWaitedForUntilTheLimit() throws IOException, InterruptedException {
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      Duration waited = Settling.await(List.of(busy.pid()), Duration.ofSeconds(4));
      assertThat(waited).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
    } finally {
      busy.destroyForcibly().waitFor();
    }
  }
}
