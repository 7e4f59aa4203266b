package dev.recon.merge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.recon.contracts.JsonSerde;
import dev.recon.contracts.Line;
import dev.recon.contracts.ReportKind;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OrderLinesSerdeTest {

  private final OrderLinesSerde serde = new OrderLinesSerde();

  @Test
  void anOrdersLinesComeBackAsTheyWereStored() {
    OrderLines lines =
        OrderLines.empty()
            .with(line("m1", ReportKind.MTR, "Shipment", null, "1234.50", "2024-03-01"))
            .with(line("m2", ReportKind.MTR, "Refund", null, "-0.0000000001", null))
            .with(
                line("p1", ReportKind.PAYMENT, "Order", "Product charges", "99999999999.99", null))
            .with(line("p2", ReportKind.PAYMENT, "Order", "Fee ₹ «long»".repeat(6000), "0", "x"));

    byte[] bytes = serde.serializer().serialize("t", lines);
    OrderLines back = serde.deserializer().deserialize("t", bytes);

    assertThat(back).isEqualTo(lines);
    assertThat(back.mtr().get(1).amount().scale()).isEqualTo(10);
  }

  @Test
  void anEmptyOrderAndNoValueRoundTrip() {
    assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", null)))
        .isNull();
    assertThat(
            serde
                .deserializer()
                .deserialize("t", serde.serializer().serialize("t", OrderLines.empty())))
        .isEqualTo(OrderLines.empty());
  }

  @Test
  void readsTheJsonOfAnEarlierVersion() {
    OrderLines lines =
        OrderLines.empty().with(line("m1", ReportKind.MTR, "Shipment", null, "10.00", null));
    byte[] json = new JsonSerde<>(OrderLines.class).serializer().serialize("t", lines);

    assertThat(serde.deserializer().deserialize("t", json)).isEqualTo(lines);
  }

  private static Line line(
      String id, ReportKind kind, String type, String paymentType, String amount, String date) {
    return new Line(
        id,
        kind,
        "402-1",
        type,
        paymentType,
        new BigDecimal(amount),
        date,
        3,
        kind.id() + ".csv",
        7,
        Map.of());
  }
}
