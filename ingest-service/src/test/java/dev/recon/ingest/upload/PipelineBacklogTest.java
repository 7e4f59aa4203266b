package dev.recon.ingest.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class PipelineBacklogTest {

  private static final TopicPartition RAW_0 = new TopicPartition("recon.raw.mtr", 0);
  private static final TopicPartition RAW_1 = new TopicPartition("recon.raw.mtr", 1);
  private static final TopicPartition RAW_2 = new TopicPartition("recon.raw.mtr", 2);

  @Test
  void aGroupLagsByTheRecordsBetweenItsCommittedOffsetsAndTheEnds() {
    Map<TopicPartition, OffsetAndMetadata> committed =
        Map.of(RAW_0, new OffsetAndMetadata(100), RAW_1, new OffsetAndMetadata(2_000));
    Map<TopicPartition, Long> ends = Map.of(RAW_0, 1_100L, RAW_1, 2_000L, RAW_2, 5_000L);

    assertThat(PipelineBacklog.lag(committed, ends)).isEqualTo(1_000);
  }

  @Test
  void aPartitionWithoutACommittedOffsetOrWithoutAnEndCountsNothing() {
    Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    committed.put(RAW_0, null);
    committed.put(RAW_1, new OffsetAndMetadata(10));

    assertThat(PipelineBacklog.lag(committed, Map.of(RAW_0, 700L))).isZero();
  }

  @Test
  void anOffsetCommittedPastTheEndReadMomentsEarlierIsNoNegativeLag() {
    assertThat(
            PipelineBacklog.lag(Map.of(RAW_0, new OffsetAndMetadata(1_005)), Map.of(RAW_0, 1_000L)))
        .isZero();
  }

  @Test
  void theRoomIsWhatTheBacklogLeavesOfTheBound() {
    assertThat(PipelineBacklog.room(0, 10_000)).isEqualTo(10_000);
    assertThat(PipelineBacklog.room(4_000, 10_000)).isEqualTo(6_000);
    assertThat(PipelineBacklog.room(7_500, 10_000)).isEqualTo(2_500);
  }

  @Test
  void lessThanAQuarterOfTheBoundFreeIsNoRoomYet() {
    assertThat(PipelineBacklog.room(7_501, 10_000)).isZero();
    assertThat(PipelineBacklog.room(10_000, 10_000)).isZero();
    assertThat(PipelineBacklog.room(250_000, 10_000)).isZero();
  }

  @Test
  void aBoundTooSmallToQuarterStillLetsARowThrough() {
    assertThat(PipelineBacklog.room(0, 1)).isEqualTo(1);
    assertThat(PipelineBacklog.room(1, 1)).isZero();
  }

  @Test
  void theWaitEndsWhenTheBacklogDrainsBelowTheBound() throws InterruptedException {
    Iterator<Long> backlogs = List.of(30_000L, 20_000L, 9_000L, 4_000L).iterator();

    assertThat(PipelineBacklog.awaitRoom(backlogs::next, 10_000, Duration.ZERO)).isEqualTo(6_000);
    assertThat(backlogs.hasNext()).isFalse();
  }

  @Test
  void aBacklogThatNeverMovesLetsAQuarterThroughAfterTheStall() throws InterruptedException {
    AtomicInteger reads = new AtomicInteger();

    long room =
        PipelineBacklog.awaitRoom(
            () -> {
              reads.incrementAndGet();
              return 30_000;
            },
            10_000,
            Duration.ZERO);

    assertThat(room).isEqualTo(2_500);
    assertThat(reads).hasValue(PipelineBacklog.STALLED_POLLS + 1);
  }

  @Test
  void aBacklogThatMovesIsWaitedForPastTheStall() throws InterruptedException {
    AtomicLong backlog = new AtomicLong(100_000);

    long room = PipelineBacklog.awaitRoom(() -> backlog.addAndGet(-500), 10_000, Duration.ZERO);

    assertThat(room).isEqualTo(2_500);
    assertThat(backlog).hasValue(7_500);
  }
}
