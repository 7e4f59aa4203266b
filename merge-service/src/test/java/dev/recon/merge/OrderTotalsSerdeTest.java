package dev.recon.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.Line;
import dev.recon.contracts.PayoutBreakdown;
import dev.recon.contracts.ReportKind;
import dev.recon.merge.order.OrderTotals;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
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

  /**
   * An order's stored state is its totals, not its lines: after 10,000 lines it is as large as
   * after one (give or take the digits its sums gained), so a line costs the same whatever the
   * order already holds.
   */
  @Test
  void theTotalsOfTenThousandLinesAreNoLargerThanThoseOfOne() {
    OrderTotals one = OrderTotals.NONE.with(paymentLine(0));
    OrderTotals many = one;
    for (int row = 1; row < 10_000; row++) {
      many = many.with(paymentLine(row));
    }

    assertThat(many.paymentLines()).isEqualTo(10_000);
    assertThat(many.breakdown().total()).isEqualByComparingTo("12345000.00");
    assertThat(bytes(many)).isLessThanOrEqualTo(bytes(one) + 2 * PayoutBreakdown.COLUMNS.size());
  }

  private int bytes(OrderTotals totals) {
    return serde.serializer().serialize("t", totals).length;
  }

  private static Line paymentLine(int row) {
    List<BigDecimal> components =
        new ArrayList<>(Collections.nCopies(PayoutBreakdown.COLUMNS.size(), BigDecimal.ZERO));
    components.set(PayoutBreakdown.COLUMNS.indexOf("productsales"), new BigDecimal("1500.00"));
    components.set(PayoutBreakdown.COLUMNS.indexOf("sellingfees"), new BigDecimal("-265.50"));
    return new Line(
        "p-" + row,
        ReportKind.PAYMENT,
        "171-1",
        Line.PAYMENT,
        "Order",
        new BigDecimal("1234.50"),
        "2024-07-10T10:00:00",
        2,
        "payment.csv",
        row + 2,
        Map.of(),
        new PayoutBreakdown(components, true));
  }
}
