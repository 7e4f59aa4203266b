package dev.recon.stack.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Waits, after the stack reports UP, until its JVMs have almost stopped using the CPU. Until then
 * they are still compiling their start-up code (Spring's and the clients', with C2), and on two
 * cores that work would be counted against the first half-minute of the upload.
 */
final class Settling {
  private static final Duration WINDOW = Duration.ofSeconds(1);
  // all the processes together, per window: 15 % of one core
  private static final Duration QUIET_CPU = Duration.ofMillis(150);

  private Settling() {}

  /**
   * How long it took until one window's CPU fell below the quiet level, at most {@code longest}.
   */
  static Duration await(List<Long> pids, Duration longest) throws InterruptedException {
    long began = System.nanoTime();
    Duration before = cpu(pids);
    while (System.nanoTime() - began < longest.toNanos()) {
      Thread.sleep(WINDOW.toMillis());
      Duration now = cpu(pids);
      if (now.minus(before).compareTo(QUIET_CPU) < 0) {
        break;
      }
      before = now;
    }
    return Duration.ofNanos(System.nanoTime() - began);
  }

  private static Duration cpu(List<Long> pids) {
    return pids.stream()
        .map(ProcessHandle::of)
        .flatMap(Optional::stream)
        .map(p -> p.info().totalCpuDuration().orElse(Duration.ZERO))
        .reduce(Duration.ZERO, Duration::plus);
  }
}
