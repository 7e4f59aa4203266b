package dev.recon.stack;

import dev.recon.stack.bench.BenchCommand;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

/**
 * The {@code recon} command line: {@code up}, {@code upload}, {@code replay}, {@code retract},
 * {@code bench}.
 */
public final class Recon {
  private Recon() {}

  public static void main(String[] args) {
    // Kafka's threads are not daemons: only an explicit exit ends the JVM after a failed start.
    System.exit(run(List.of(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    String command = args.isEmpty() ? "help" : args.get(0);
    List<String> rest = args.subList(Math.min(1, args.size()), args.size());
    try {
      return switch (command) {
        case "up" -> new UpCommand(out).run(rest);
        case "upload" -> new UploadCommand(out).run(rest);
        case "replay" -> new ReplayCommand(out).run(rest);
        case "retract" -> new RetractCommand(out).run(rest);
        case "bench" -> new BenchCommand(out, err).run(rest);
        case "help", "--help", "-h" -> {
          usage(out);
          yield 0;
        }
        default -> throw new Args.UsageException("unknown command " + command);
      };
    } catch (Args.UsageException e) {
      err.println("recon: " + e.getMessage());
      usage(err);
      return 2;
    } catch (StackException e) {
      err.println("recon: " + e.getMessage());
      return 1;
    } catch (IOException e) {
      err.println("recon: " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 130;
    }
  }

  private static void usage(PrintStream out) {
    out.println("usage:");
    out.println("  " + UpCommand.USAGE);
    out.println(
        "      runs Kafka, PostgreSQL and the three services in the foreground; Ctrl-C stops");
    out.println("      them. KAFKA_BOOTSTRAP_SERVERS / RECON_DB_URL (+ RECON_DB_USER,");
    out.println("      RECON_DB_PASSWORD) use an existing broker / database instead;");
    out.println("      RECON_SERVICE_JAVA_OPTS adds JVM options of the services,");
    out.println("      RECON_LAUNCHER_JAVA_OPTS (./recon) those of this launcher.");
    out.println("  " + UploadCommand.USAGE);
    out.println("      uploads report files, follows them until reconciled, prints the summary;");
    out.println("      exits 1 if a file was refused, rejected or failed.");
    out.println("  " + ReplayCommand.USAGE);
    out.println("      rebuilds every result from the topics (after a change of the tolerance");
    out.println("      bands, say) and follows it until done; needs the API token, which a");
    out.println("      local stack keeps in its data dir.");
    out.println("  " + RetractCommand.USAGE);
    out.println("      takes an upload back: every result is rebuilt as if it had never been");
    out.println("      made (a replay); follows it until RETRACTED. Needs the API token.");
    out.println("  " + BenchCommand.USAGE);
    out.println("      generates reports of N orders, runs them through a fresh local stack and");
    out.println(
        "      reports rows/s end to end and per stage, CPU, memory, the broker's ceiling,");
    out.println("      the floor of the pipeline's hops and whether the results are right; the");
    out.println("      last line: BENCH rows=... correct=...");
    out.println("  recon help");
  }
}
