package dev.recon.stack.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

  /** What the processes used: each process, and the groups of threads that used the most. */
  record Usage(List<BenchResult.Cpu> processes, List<BenchResult.ThreadCpu> busiestThreads) {
    static final Usage NONE = new Usage(List.of(), List.of());

    Duration total() {
      return BenchResult.Cpu.total(processes);
    }
  }

  /** One thread's name (as the kernel keeps it, 15 characters at most) and CPU ticks. */
  private record ThreadTicks(String name, long ticks) {}

  private record ThreadGroup(String process, String thread) {}

  private final List<Watched> watched;
  private final List<OptionalLong> startTicks = new ArrayList<>();
  private final List<Map<Long, ThreadTicks>> startThreads = new ArrayList<>();

  private CpuMeter(List<Watched> watched) {
    this.watched = List.copyOf(watched);
    for (Watched process : this.watched) {
      startTicks.add(ticks(process));
      startThreads.add(threads(process));
    }
  }

  static CpuMeter start(List<Watched> watched) {
    return new CpuMeter(watched);
  }

  /**
   * Each process's CPU time since the start, and the {@code busiest} groups of threads of the
   * processes watched without descendants; none when /proc does not tell (not Linux). Threads are
   * grouped by process and by name with digits as {@code #}, so that a pool counts as one; a thread
   * that ended within the window is not counted among them.
   */
  Usage stop(int busiest) {
    List<BenchResult.Cpu> processes = new ArrayList<>();
    Map<ThreadGroup, Long> groups = new HashMap<>();
    for (int i = 0; i < watched.size(); i++) {
      Watched process = watched.get(i);
      OptionalLong before = startTicks.get(i);
      OptionalLong after = ticks(process);
      if (before.isEmpty() || after.isEmpty()) {
        return Usage.NONE;
      }
      processes.add(
          new BenchResult.Cpu(process.name(), duration(after.getAsLong() - before.getAsLong())));
      Map<Long, ThreadTicks> threadsBefore = startThreads.get(i);
      threads(process)
          .forEach(
              (tid, now) -> {
                ThreadTicks then = threadsBefore.get(tid);
                groups.merge(
                    new ThreadGroup(process.name(), now.name().replaceAll("\\d+", "#")),
                    now.ticks() - (then == null ? 0 : then.ticks()),
                    Long::sum);
              });
    }
    List<BenchResult.ThreadCpu> busiestThreads =
        groups.entrySet().stream()
            .sorted(Map.Entry.<ThreadGroup, Long>comparingByValue().reversed())
            .limit(busiest)
            .map(
                group ->
                    new BenchResult.ThreadCpu(
                        group.getKey().process(),
                        group.getKey().thread(),
                        duration(group.getValue())))
            .toList();
    return new Usage(processes, busiestThreads);
  }

  private static Duration duration(long ticks) {
    return Duration.ofMillis(ticks * 1000 / TICKS_PER_SECOND);
  }

  /** The process's threads by id; none for a server counted with its descendants. */
  private static Map<Long, ThreadTicks> threads(Watched process) {
    Map<Long, ThreadTicks> threads = new HashMap<>();
    if (process.withDescendants()) {
      return threads;
    }
    Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
    try (DirectoryStream<Path> ids = Files.newDirectoryStream(tasks)) {
      for (Path id : ids) {
        read(id.resolve("stat"))
            .ifPresent(
                line -> {
                  long[] times = times(line);
                  String name = line.substring(line.indexOf('(') + 1, line.lastIndexOf(')'));
                  threads.put(
                      Long.parseLong(id.getFileName().toString()),
                      new ThreadTicks(name, times[0] + times[1]));
                });
      }
    } catch (IOException e) {
      // the process is gone, or this is not Linux: no threads to tell
    }
    return threads;
  }

  private static OptionalLong ticks(Watched process) {
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
    return read(Path.of("/proc", Long.toString(pid), "stat"))
        .map(CpuMeter::times)
        .orElse(new long[0]);
  }

  private static long[] times(String statLine) {
    // The command name, in parentheses, may hold spaces and parentheses itself.
    String[] fields = statLine.substring(statLine.lastIndexOf(')') + 2).split(" ");
    // fields[0] is field 3 of proc(5), the state; utime is field 14
    long[] times = new long[4];
    for (int i = 0; i < times.length; i++) {
      times[i] = Long.parseLong(fields[11 + i]);
    }
    return times;
  }

  private static Optional<String> read(Path file) {
    try {
      return Optional.of(Files.readString(file));
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
