package dev.recon.stack;

import dev.recon.stack.PipelineWatch.Position;
import dev.recon.stack.PipelineWatch.Stage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Consumer-group scaling under loss: two instances of the transform and two of the merge service
 * share the partitions; while the {@code medium} dataset goes through, one instance of each is
 * lost, by SIGTERM or by {@code kill -9}, and not restarted. The remaining instance of each takes
 * over all the partitions of its groups, the uploads end RECONCILED, and the results equal {@code
 * expected/}.
 */
@Tag("faults")
class InstanceLossIT {

  enum Loss {
    /** SIGTERM: the instance commits, leaves its groups, and exits. */
    STOP,
    /** SIGKILL: the group notices only when the member's session times out. */
    KILL
  }

  private static final Duration TIMEOUT = Duration.ofMinutes(10);

  /** The group members of one service instance: RECON_SINK_THREADS consumers for the sink. */
  private static final Map<String, Integer> MEMBERS_PER_INSTANCE =
      Map.of("recon-transform", 1, "recon-merge", 1, "recon-sink", 3);

  @ParameterizedTest(name = "transform-2 {0}, merge-2 {1}")
  // One pairing covers both losses (a stop, a kill) and both services; the other pairing cost
  // CI another 80 s for the same paths.
  @CsvSource({"STOP, KILL"})
  void losingOneOfTwoInstancesMidUploadLeavesTheOtherToFinishExactly(
      Loss transformLoss, Loss mergeLoss, @TempDir Path scratch) throws Exception {
    Dataset dataset = Dataset.named("medium");
    String name = "instances-" + transformLoss.name().toLowerCase(java.util.Locale.ROOT);
    try (Stack stack = LocalStack.start(name);
        PipelineWatch watch = new PipelineWatch(stack)) {
      List<Integer> numbers = stack.startInstances(Service.TRANSFORM, Service.MERGE);
      MEMBERS_PER_INSTANCE.forEach(
          (group, members) -> watch.awaitMembers(group, 2 * members, Duration.ofMinutes(3)));

      List<String> ids = watch.upload(dataset.inputs(scratch));
      Position transform =
          watch.awaitPartWay(
              Stage.TRANSFORM, ServiceKillIT.PART_WAY_OFFSETS, TIMEOUT, Duration.ofMillis(100));
      Instant transformLost = Instant.now();
      lose(stack, Service.TRANSFORM, numbers.get(0), transformLoss);
      System.out.printf("%s transform-%d with %s%n", transformLoss, numbers.get(0), transform);

      Position merge =
          watch.awaitPartWay(
              Stage.MERGE, ServiceKillIT.PART_WAY_OFFSETS, TIMEOUT, Duration.ofMillis(100));
      lose(stack, Service.MERGE, numbers.get(1), mergeLoss);
      System.out.printf(
          "%s merge-%d with %s; %s%n",
          mergeLoss, numbers.get(1), merge, watch.position(Stage.SINK));

      MEMBERS_PER_INSTANCE.forEach((group, members) -> watch.awaitMembers(group, members, TIMEOUT));
      Instant takenOver = Instant.now();
      watch.awaitReconciled(ids, TIMEOUT);
      Instant reconciled = Instant.now();
      System.out.printf(
          "one instance left in each group %s after the first loss; reconciled %s later%n",
          PipelineWatch.seconds(transformLost, takenOver),
          PipelineWatch.seconds(takenOver, reconciled));

      ResultComparison.assertMatches(dataset, watch.results(ids));
    }
  }

  private static void lose(Stack stack, Service service, int number, Loss loss)
      throws InterruptedException {
    switch (loss) {
      case STOP -> stack.stopInstance(service, number);
      case KILL -> stack.killInstance(service, number);
    }
  }
}
