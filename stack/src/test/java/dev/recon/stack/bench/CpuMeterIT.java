package dev.recon.stack.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
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
      List<BenchResult.Cpu> used = meter.stop(5).processes();

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
      List<BenchResult.Cpu> used = meter.stop(5).processes();

      assertThat(used.get(0).used()).isLessThan(Duration.ofMillis(100));
      assertThat(used.get(1).used()).isGreaterThan(Duration.ofMillis(300));
    } finally {
      parent.descendants().forEach(ProcessHandle::destroyForcibly);
      parent.destroyForcibly().waitFor();
    }
  }

  @Test
  void theBusiestThreadsAreNamedAndAPoolCountsAsOne() throws Exception {
    AtomicBoolean spinning = new AtomicBoolean(true);
    List<Thread> pool = new ArrayList<>();
    CpuMeter meter =
        CpuMeter.start(
            List.of(new CpuMeter.Watched("this JVM", ProcessHandle.current().pid(), false)));
    for (int i = 1; i <= 2; i++) {
      Thread spinner =
          new Thread(
              () -> {
                long sum = 0;
                while (spinning.get()) {
                  sum += System.nanoTime() % 7;
                }
                assertThat(sum).isNotNegative();
              },
              "spin-" + i);
      spinner.start();
      pool.add(spinner);
    }
    Thread.sleep(1500);
    CpuMeter.Usage usage = meter.stop(3);
    spinning.set(false);
    for (Thread spinner : pool) {
      spinner.join();
    }

    assertThat(usage.busiestThreads()).hasSizeLessThanOrEqualTo(3);
    BenchResult.ThreadCpu busiest = usage.busiestThreads().get(0);
    // "spin-1" and "spin-2" are one group: a pool's threads differ only in their numbers
    assertThat(busiest.process()).isEqualTo("this JVM");
    assertThat(busiest.thread()).isEqualTo("spin-#");
    assertThat(busiest.used()).isGreaterThan(Duration.ofMillis(300));
    assertThat(busiest.used()).isLessThanOrEqualTo(usage.processes().get(0).used());
  }

  @Test
  void aProcessThatIsGoneLeavesNoAccount() throws IOException, InterruptedException {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    CpuMeter meter = CpuMeter.start(List.of(new CpuMeter.Watched("gone", gone.pid(), false)));
    assertThat(meter.stop(5)).isEqualTo(CpuMeter.Usage.NONE);
  }
}
