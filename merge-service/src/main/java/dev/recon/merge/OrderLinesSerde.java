package dev.recon.merge;

import dev.recon.contracts.JsonSerde;
import dev.recon.contracts.Line;
import dev.recon.contracts.ReportKind;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The order-lines store's values in a compact binary form: the store is read and written again at
 * every line of an order, and JSON cost the merge a fifth of its time there. Values written as JSON
 * by an earlier version (they start with '{') are still read.
 */
final class OrderLinesSerde implements Serde<OrderLines> {

  private static final byte VERSION = 1;
  private static final JsonSerde<OrderLines> EARLIER = new JsonSerde<>(OrderLines.class);

  @Override
  public Serializer<OrderLines> serializer() {
    return (topic, lines) -> lines == null ? null : write(lines);
  }

  @Override
  public Deserializer<OrderLines> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      if (bytes.length > 0 && bytes[0] == '{') {
        return EARLIER.deserializer().deserialize(topic, bytes);
      }
      return read(bytes);
    };
  }

  private static byte[] write(OrderLines lines) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + 160 * lines.mtr().size());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(VERSION);
      writeLines(out, lines.mtr());
      writeLines(out, lines.payment());
    } catch (IOException e) {
      throw new SerializationException("cannot write an order's lines", e);
    }
    return bytes.toByteArray();
  }

  private static void writeLines(DataOutputStream out, List<Line> lines) throws IOException {
    out.writeInt(lines.size());
    for (Line line : lines) {
      writeText(out, line.lineId());
      writeText(out, line.orderId());
      writeText(out, line.transactionType());
      writeNullable(out, line.paymentType());
      byte[] unscaled = line.amount().unscaledValue().toByteArray();
      out.writeInt(line.amount().scale());
      out.writeShort(unscaled.length);
      out.write(unscaled);
      writeNullable(out, line.date());
      out.writeLong(line.uploadId());
      writeText(out, line.fileName());
      out.writeInt(line.rowNumber());
    }
  }

  private static OrderLines read(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      byte version = in.readByte();
      if (version != VERSION) {
        throw new SerializationException("order lines of unknown version " + version);
      }
      List<Line> mtr = readLines(in, ReportKind.MTR);
      List<Line> payment = readLines(in, ReportKind.PAYMENT);
      return new OrderLines(mtr, payment);
    } catch (IOException e) {
      throw new SerializationException("cannot read an order's lines", e);
    }
  }

  private static List<Line> readLines(DataInputStream in, ReportKind kind) throws IOException {
    int count = in.readInt();
    List<Line> lines = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String lineId = readText(in);
      String orderId = readText(in);
      String transactionType = readText(in);
      String paymentType = readNullable(in);
      int scale = in.readInt();
      byte[] unscaled = new byte[in.readShort()];
      in.readFully(unscaled);
      BigDecimal amount = new BigDecimal(new BigInteger(unscaled), scale);
      String date = readNullable(in);
      long uploadId = in.readLong();
      String fileName = readText(in);
      int rowNumber = in.readInt();
      lines.add(
          new Line(
              lineId,
              kind,
              orderId,
              transactionType,
              paymentType,
              amount,
              date,
              uploadId,
              fileName,
              rowNumber,
              Map.of()));
    }
    return List.copyOf(lines);
  }

  /** Not writeUTF: that refuses text over 64 KiB, and a cell may be longer. */
  private static void writeText(DataOutputStream out, String text) throws IOException {
    byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
    out.writeInt(utf8.length);
    out.write(utf8);
  }

  private static String readText(DataInputStream in) throws IOException {
    byte[] utf8 = new byte[in.readInt()];
    in.readFully(utf8);
    return new String(utf8, StandardCharsets.UTF_8);
  }

  private static void writeNullable(DataOutputStream out, String text) throws IOException {
    out.writeBoolean(text != null);
    if (text != null) {
      writeText(out, text);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? readText(in) : null;
  }
}
