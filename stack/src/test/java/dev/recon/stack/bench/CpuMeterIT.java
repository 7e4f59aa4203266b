package dev.recon.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CPU time read from /proc for real processes: busy, idle, and a parent whose child does work. */
class CpuMeterIT {

  private static final String SPIN_TWO_SECONDS =
      "end=$(($(date +%s) + 2)); while [ $(date +%s) -lt $end ]; do :; done";

  @Test
  void aBusyProcessIsChargedItsTimeAndAnIdleOneNothing() throws Exception {
    Process busy = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    Process idle = new ProcessBuilder("sleep", "60").start();
    try {
      CpuMeter meter =
          CpuMeter.start(
              List.of(
                  new CpuMeter.Watched("busy", busy.pid(), false),
                  new CpuMeter.Watched("idle", idle.pid(), false)));
      Thread.sleep(1500);
      List<BenchResult.Cpu> used = meter.stop();

      assertThat(used).extracting(BenchResult.Cpu::process).containsExactly("busy", "idle");
      // a whole core for 1.5 s, less what the machine's other work took from it
      assertThat(used.get(0).used()).isBetween(Duration.ofMillis(300), Duration.ofMillis(1600));
      assertThat(used.get(1).used()).isLessThan(Duration.ofMillis(50));
    } finally {
      busy.destroyForcibly().waitFor();
      idle.destroyForcibly().waitFor();
    }
  }

  @Test
  void aServerIsChargedTheWorkOfItsChildrenAliveOrExited() throws Exception {
    // The child spins for two seconds, exits and is waited for: by the end of the window only the
    // parent's counters still hold its time.
    Process parent =
        new ProcessBuilder("sh", "-c", "sh -c '" + SPIN_TWO_SECONDS + "'; sleep 60").start();
    try {
      CpuMeter meter =
          CpuMeter.start(
              List.of(
                  new CpuMeter.Watched("alone", parent.pid(), false),
                  new CpuMeter.Watched("with children", parent.pid(), true)));
      Thread.sleep(3500);
      List<BenchResult.Cpu> used = meter.stop();

      assertThat(used.get(0).used()).isLessThan(Duration.ofMillis(100));
      assertThat(used.get(1).used()).isGreaterThan(Duration.ofMillis(300));
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  void aProcessThatIsGoneLeavesNoAccount() throws IOException, InterruptedException {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    CpuMeter meter = CpuMeter.start(List.of(new CpuMeter.Watched("gone", gone.pid(), false)));
    assertThat(meter.stop()).isEmpty();
  }
}
