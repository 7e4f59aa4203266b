package dev.recon.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.PayoutBreakdown;
import dev.recon.merge.order.OrderTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collections;
import org.junit.jupiter.api.Test;

class OrderTotalsSerdeTest {

  private final OrderTotalsSerde serde = new OrderTotalsSerde();

  private OrderTotals roundTrip(OrderTotals totals) {
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", totals));
  }

  @Test
  void everyFieldComesBack() {
    OrderTotals totals =
        new OrderTotals(
            new BigDecimal("1234.50"),
            null,
            new BigDecimal("-99999999999999999999999.0001"),
            3,
            2,
            new PayoutBreakdown(
                Collections.nCopies(PayoutBreakdown.COLUMNS.size(), new BigDecimal("-0.01")),
                false),
            1,
            LocalDate.of(2024, 7, 3),
            null);

    assertThat(roundTrip(totals)).isEqualTo(totals);
    assertThat(roundTrip(OrderTotals.NONE)).isEqualTo(OrderTotals.NONE);
  }
}
