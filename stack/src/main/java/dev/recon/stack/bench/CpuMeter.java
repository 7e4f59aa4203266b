package dev.recon.stack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The CPU time each of the stack's processes used over a window, as the kernel counts it in {@code
 * /proc/PID/stat}. On two cores every stage competes with every other, so what a row costs in CPU,
 * and where, says more than any stage's rate; and on a shared machine whose speed varies from hour
 * to hour, CPU seconds compare across runs better than wall-clock ones.
 */
final class CpuMeter {
  /** USER_HZ, the unit of /proc's times: 100 on every Linux architecture the JDK runs on. */
  private static final long TICKS_PER_SECOND = 100;

  /**
   * A process to account for. A server that forks a process per connection (PostgreSQL) is counted
   * with its descendants: the live ones, and through the server's own counters those that exited.
   */
  record Watched(String name, long pid, boolean withDescendants) {}

  private final List<Watched> watched;
  private final List<OptionalLong> startTicks = new ArrayList<>();

  private CpuMeter(List<Watched> watched) {
    this.watched = List.copyOf(watched);
    for (Watched process : this.watched) {
      startTicks.add(ticks(process));
    }
  }

  static CpuMeter start(List<Watched> watched) {
    return new CpuMeter(watched);
  }

  /** Each process's CPU time since the start; empty when /proc does not tell (not Linux). */
  List<BenchResult.Cpu> stop() {
    List<BenchResult.Cpu> used = new ArrayList<>();
    for (int i = 0; i < watched.size(); i++) {
      OptionalLong before = startTicks.get(i);
      OptionalLong after = ticks(watched.get(i));
      if (before.isEmpty() || after.isEmpty()) {
        return List.of();
      }
      long ticks = after.getAsLong() - before.getAsLong();
      used.add(
          new BenchResult.Cpu(
              watched.get(i).name(), Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND)));
    }
    return used;
  }

  static OptionalLong ticks(Watched process) {
    long[] own = stat(process.pid());
    if (own.length == 0) {
      return OptionalLong.empty();
    }
    long ticks = own[0] + own[1];
    if (process.withDescendants()) {
      // children that exited and were waited for, with their own waited-for children
      ticks += own[2] + own[3];
      ticks +=
          ProcessHandle.of(process.pid()).stream()
              .flatMap(ProcessHandle::descendants)
              .map(descendant -> stat(descendant.pid()))
              .filter(times -> times.length > 0)
              .mapToLong(times -> times[0] + times[1])
              .sum();
    }
    return OptionalLong.of(ticks);
  }

  /** utime, stime, cutime and cstime in ticks; none when the process is gone or not readable. */
  private static long[] stat(long pid) {
    String line;
    try {
      line = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    } catch (IOException e) {
      return new long[0];
    }
    // The command name, in parentheses, may hold spaces and parentheses itself.
    String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 of proc(5), the state; utime is field 14
    long[] times = new long[4];
    for (int i = 0; i < times.length; i++) {
      times[i] = Long.parseLong(fields[11 + i]);
    }
    return times;
  }
}
