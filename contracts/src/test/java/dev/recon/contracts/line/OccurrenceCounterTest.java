package dev.recon.contracts.line;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.recon.contracts.ReportKind;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OccurrenceCounterTest {

  @Test
  void countsEachHashFromZero() {
    OccurrenceCounter counter = new OccurrenceCounter();
    ContentHash a = new ContentHash(1, 2);
    ContentHash b = new ContentHash(3, 4);

    assertThat(counter.next(a)).isZero();
    assertThat(counter.next(b)).isZero();
    assertThat(counter.next(a)).isEqualTo(1);
    assertThat(counter.next(a)).isEqualTo(2);
    assertThat(counter.next(b)).isEqualTo(1);
    assertThat(counter.size()).isEqualTo(2);
  }

  @Test
  void twoIdenticalRowsOfOneFileAreTwoLines() {
    OccurrenceCounter counter = new OccurrenceCounter();
    Map<String, String> row =
        Map.of("type", "Order", "orderid", "404-0000003-0000002", "total", "150.00");
    ContentHash first = LineIdentity.contentHash(ReportKind.PAYMENT, row);
    ContentHash second = LineIdentity.contentHash(ReportKind.PAYMENT, Map.copyOf(row));

    String firstId = LineIdentity.lineId(first, counter.next(first));
    String secondId = LineIdentity.lineId(second, counter.next(second));

    assertThat(firstId).endsWith("-0");
    assertThat(secondId).endsWith("-1").isNotEqualTo(firstId);
  }

  @Test
  void aZeroHashIsAHashLikeAnyOther() {
    OccurrenceCounter counter = new OccurrenceCounter();
    ContentHash zero = new ContentHash(0, 0);

    assertThat(counter.next(zero)).isZero();
    assertThat(counter.next(zero)).isEqualTo(1);
  }

  @Test
  void hashesThatShareTheirSlotAreCountedApart() {
    OccurrenceCounter counter = new OccurrenceCounter(0);
    // equal low bits pick the same slot, so these probe past one another
    for (int i = 0; i < 100; i++) {
      assertThat(counter.next(new ContentHash((long) i << 40, i))).isZero();
    }
    for (int i = 0; i < 100; i++) {
      assertThat(counter.next(new ContentHash((long) i << 40, i))).isEqualTo(1);
    }
    assertThat(counter.size()).isEqualTo(100);
  }

  @Test
  void growsFarBeyondItsExpectedSizeAndKeepsEveryCount() {
    OccurrenceCounter counter = new OccurrenceCounter(4);
    int distinct = 300_000;
    SplittableRandom random = new SplittableRandom(42);
    long[] highs = new long[distinct];
    for (int i = 0; i < distinct; i++) {
      highs[i] = random.nextLong();
      assertThat(counter.next(new ContentHash(highs[i], i))).isZero();
    }
    for (int round = 1; round <= 2; round++) {
      for (int i = 0; i < distinct; i++) {
        if (counter.next(new ContentHash(highs[i], i)) != round) {
          throw new AssertionError("hash " + i + " lost its count in round " + round);
        }
      }
    }

    assertThat(counter.size()).isEqualTo(distinct);
  }

  @Test
  void refusesANegativeExpectedSize() {
    assertThatThrownBy(() -> new OccurrenceCounter(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("-1");
  }
}
