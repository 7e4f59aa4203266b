package dev.recon.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventSerdeTest {

  private static final String TOPIC = "recon.test";

  private static final Line SHIPMENT =
      new Line(
          "mtr:3f9a",
          ReportKind.MTR,
          "171-5550001-0000001",
          Line.SHIPMENT,
          null,
          new BigDecimal("1234.50"),
          "2024-04-01T10:15:00",
          7L,
          "MTR B2C ₹ April.csv",
          42,
          details("invoice-number", "IN-1", "ship-to-city", "Bengaluru ಬೆಂಗಳೂರು"),
          null);

  private static final Line REFUND =
      new Line(
          "payment:77",
          ReportKind.PAYMENT,
          "171-5550001-0000001",
          "Refund",
          "Order",
          new BigDecimal("-99999999999999999999999.0001"),
          null,
          Long.MAX_VALUE,
          "payments.csv",
          Integer.MAX_VALUE,
          Map.of(),
          new PayoutBreakdown(
              List.of(
                  new BigDecimal("619.00"),
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  new BigDecimal("-51.83"),
                  new BigDecimal("-74.43"),
                  new BigDecimal("-72.87"),
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  BigDecimal.ZERO,
                  new BigDecimal("-5.90"),
                  new BigDecimal("-0.59")),
              false));

  @Test
  void everyRowEventComesBackEqual() {
    RawRow row =
        new RawRow(
            3L, ReportKind.PAYMENT, "payments.xlsx", 2, "payment:1", details("total", "-0.5"));
    OrderResult result =
        new OrderResult(
            SHIPMENT.orderId(),
            Category.ORDER_AND_PAYMENT_RECEIVED,
            ToleranceStatus.WITHIN_TOLERANCE,
            new BigDecimal("1234.50"),
            null,
            new BigDecimal("-1E+3"),
            new BigDecimal("81.0044552450"),
            new BigDecimal("38"),
            1,
            2,
            REFUND.breakdown(),
            1,
            java.time.LocalDate.of(2024, 4, 1),
            List.of(SHIPMENT, REFUND));

    assertThat(roundTrip(RawEvent.class, row)).isEqualTo(row);
    assertThat(roundTrip(LineEvent.class, SHIPMENT)).isEqualTo(SHIPMENT);
    assertThat(roundTrip(LineEvent.class, REFUND)).isEqualTo(REFUND);
    assertThat(roundTrip(ResultEvent.class, result)).isEqualTo(result);
  }

  @Test
  void aDecimalKeepsItsScaleAndSign() {
    for (String amount :
        List.of("0", "0.00", "-0.01", "1E+5", "9223372036854775807", "-9223372036854775809.5")) {
      Line line =
          new Line(
              "l",
              ReportKind.MTR,
              "o",
              Line.RETURN,
              null,
              new BigDecimal(amount),
              null,
              1,
              "f",
              2,
              Map.of(),
              null);
      BigDecimal back = ((Line) roundTrip(LineEvent.class, line)).amount();
      assertThat(back.scale()).as(amount).isEqualTo(line.amount().scale());
      assertThat(back.unscaledValue()).as(amount).isEqualTo(line.amount().unscaledValue());
    }
  }

  @Test
  void detailsKeepTheirOrder() {
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 30; i > 0; i--) {
      many.put("column-" + i, "value " + i);
    }
    RawRow row = new RawRow(1, ReportKind.MTR, "f.csv", 9, "mtr:9", many);
    assertThat(((RawRow) roundTrip(RawEvent.class, row)).values().keySet())
        .containsExactlyElementsOf(many.keySet());
  }

  @Test
  void rowEventsAreBinaryAndTheRareOnesStayJson() {
    EventSerde<LineEvent> serde = new EventSerde<>(LineEvent.class);
    byte[] line = serde.serializer().serialize(TOPIC, SHIPMENT);
    byte[] marker = serde.serializer().serialize(TOPIC, new UploadMarker(5, 1, 100));

    assertThat(line[0]).isEqualTo(RowEventCodec.LINE_V2);
    assertThat(line.length)
        .isLessThan(
            new JsonSerde<>(LineEvent.class).serializer().serialize(TOPIC, SHIPMENT).length);
    assertThat(new String(marker, java.nio.charset.StandardCharsets.UTF_8))
        .startsWith("{\"@type\":\"UploadMarker.v1\"");
    assertThat(serde.deserializer().deserialize(TOPIC, marker))
        .isEqualTo(new UploadMarker(5, 1, 100));
  }

  @Test
  void aLineOfTheFirstBinaryVersionIsReadWithoutABreakdown() {
    byte[] version2 = new EventSerde<>(LineEvent.class).serializer().serialize(TOPIC, SHIPMENT);
    // Version 1 is version 2 without the trailing breakdown byte (0: none).
    byte[] version1 = Arrays.copyOf(version2, version2.length - 1);
    version1[0] = RowEventCodec.LINE_V1;

    assertThat(new EventSerde<>(LineEvent.class).deserializer().deserialize(TOPIC, version1))
        .isEqualTo(SHIPMENT);
  }

  @Test
  void eventsWrittenAsJsonByAnEarlierVersionAreStillRead() {
    byte[] json = new JsonSerde<>(LineEvent.class).serializer().serialize(TOPIC, SHIPMENT);

    assertThat(new EventSerde<>(LineEvent.class).deserializer().deserialize(TOPIC, json))
        .isEqualTo(SHIPMENT);
  }

  @Test
  void aDamagedOrMisplacedEventIsAClearError() {
    byte[] line = new EventSerde<>(LineEvent.class).serializer().serialize(TOPIC, SHIPMENT);
    byte[] truncated = Arrays.copyOf(line, line.length - 3);
    byte[] longer = Arrays.copyOf(line, line.length + 1);
    byte[] unknownType = line.clone();
    unknownType[0] = 99;

    EventSerde<LineEvent> lines = new EventSerde<>(LineEvent.class);
    assertThatThrownBy(() -> lines.deserializer().deserialize(TOPIC, truncated))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("ends early");
    assertThatThrownBy(() -> lines.deserializer().deserialize(TOPIC, longer))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("bytes left");
    assertThatThrownBy(() -> lines.deserializer().deserialize(TOPIC, unknownType))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown event type 99");
    assertThatThrownBy(
            () -> new EventSerde<>(RawEvent.class).deserializer().deserialize(TOPIC, line))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("RawEvent");
  }

  private static <T> T roundTrip(Class<T> type, T event) {
    EventSerde<T> serde = new EventSerde<>(type);
    return serde.deserializer().deserialize(TOPIC, serde.serializer().serialize(TOPIC, event));
  }

  private static Map<String, String> details(String... keysAndValues) {
    Map<String, String> details = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      details.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return details;
  }
}
