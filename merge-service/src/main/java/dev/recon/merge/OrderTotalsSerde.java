package dev.recon.merge;

import dev.recon.contracts.PayoutBreakdown;
import dev.recon.merge.order.OrderTotals;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The order-totals store's values in a compact binary form, read and written at every line of an
 * order and copied to the store's changelog.
 */
final class OrderTotalsSerde implements Serde<OrderTotals> {

  private static final byte VERSION = 1;

  @Override
  public Serializer<OrderTotals> serializer() {
    return (topic, totals) -> totals == null ? null : write(totals);
  }

  @Override
  public Deserializer<OrderTotals> deserializer() {
    return (topic, bytes) -> bytes == null ? null : read(bytes);
  }

  private static byte[] write(OrderTotals totals) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeDecimal(out, totals.shipment());
      writeDecimal(out, totals.returned());
      writeDecimal(out, totals.net());
      out.writeInt(totals.mtrLines());
      out.writeInt(totals.paymentLines());
      PayoutBreakdown breakdown = totals.breakdown();
      out.writeBoolean(breakdown != null);
      if (breakdown != null) {
        out.writeBoolean(breakdown.consistent());
        for (BigDecimal component : breakdown.components()) {
          writeDecimal(out, component);
        }
      }
      out.writeInt(totals.inconsistentLines());
      writeDate(out, totals.earliestShipmentDate());
      writeDate(out, totals.earliestShipmentInvoiceDate());
    } catch (IOException e) {
      throw new SerializationException("cannot write an order's totals", e);
    }
    return bytes.toByteArray();
  }

  private static OrderTotals read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException("order totals of unknown version " + version);
      }
      BigDecimal shipment = readDecimal(in);
      BigDecimal returned = readDecimal(in);
      BigDecimal net = readDecimal(in);
      int mtrLines = in.readInt();
      int paymentLines = in.readInt();
      PayoutBreakdown breakdown = null;
      if (in.readBoolean()) {
        boolean consistent = in.readBoolean();
        List<BigDecimal> components = new ArrayList<>(PayoutBreakdown.COLUMNS.size());
        for (int i = 0; i < PayoutBreakdown.COLUMNS.size(); i++) {
          components.add(readDecimal(in));
        }
        breakdown = new PayoutBreakdown(components, consistent);
      }
      return new OrderTotals(
          shipment,
          returned,
          net,
          mtrLines,
          paymentLines,
          breakdown,
          in.readInt(),
          readDate(in),
          readDate(in));
    } catch (IOException e) {
      throw new SerializationException("cannot read an order's totals", e);
    }
  }

  private static void writeDecimal(DataOutputStream out, BigDecimal value) throws IOException {
    if (value == null) {
      out.writeShort(-1);
      return;
    }
    byte[] unscaled = value.unscaledValue().toByteArray();
    out.writeShort(unscaled.length);
    out.writeInt(value.scale());
    out.write(unscaled);
  }

  private static BigDecimal readDecimal(DataInputStream in) throws IOException {
    short length = in.readShort();
    if (length < 0) {
      return null;
    }
    int scale = in.readInt();
    byte[] unscaled = new byte[length];
    in.readFully(unscaled);
    return new BigDecimal(new BigInteger(unscaled), scale);
  }

  private static void writeDate(DataOutputStream out, LocalDate date) throws IOException {
    out.writeBoolean(date != null);
    if (date != null) {
      out.writeLong(date.toEpochDay());
    }
  }

  private static LocalDate readDate(DataInputStream in) throws IOException {
    return in.readBoolean() ? LocalDate.ofEpochDay(in.readLong()) : null;
  }
}
