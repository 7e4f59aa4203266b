package dev.recon.contracts;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compact binary form of the three events that carry one per row ({@link RawRow}, {@link Line},
 * {@link OrderResult}). Every row crosses three topics, and reading and writing them as JSON took a
 * third of the merge's stream thread, and of the compiler's time, on its own.
 *
 * <p>A value starts with its type byte, which JSON never does (it starts with {@code '{'}), so a
 * topic can hold both: events written as JSON by an earlier version, or the rarer events that stay
 * JSON, are still read. Lengths and counts are unsigned varints, text is UTF-8, and a nullable field
 * stores its length plus one (0 for null). Enums are stored by name, so reordering their constants
 * changes nothing.
 */
final class RowEventCodec {

  static final byte RAW_ROW_V1 = 1;
  static final byte LINE_V1 = 2;
  static final byte ORDER_RESULT_V1 = 3;

  /** Version 2 of a line adds its payout breakdown; of an order result, the figures of SPEC §8. */
  static final byte LINE_V2 = 4;

  static final byte ORDER_RESULT_V2 = 5;

  private RowEventCodec() {}

  /** True for the events with a binary form. */
  static boolean encodes(Object event) {
    return event instanceof RawRow || event instanceof Line || event instanceof OrderResult;
  }

  static byte[] encode(Object event) {
    Writer out = new Writer();
    if (event instanceof RawRow row) {
      out.writeByte(RAW_ROW_V1);
      out.writeLong(row.uploadId());
      out.writeText(row.kind().name());
      out.writeText(row.fileName());
      out.writeVarint(row.rowNumber());
      out.writeText(row.lineId());
      out.writeMap(row.values());
    } else if (event instanceof Line line) {
      out.writeByte(LINE_V2);
      writeLine(out, line);
    } else if (event instanceof OrderResult result) {
      out.writeByte(ORDER_RESULT_V2);
      out.writeText(result.orderId());
      out.writeText(result.category().name());
      out.writeText(result.toleranceStatus().name());
      out.writeDecimal(result.shipmentInvoiceAmount());
      out.writeDecimal(result.returnInvoiceAmount());
      out.writeDecimal(result.netAmount());
      out.writeDecimal(result.payoutPercent());
      out.writeDecimal(result.toleranceMinimumPercent());
      out.writeVarint(result.mtrLines());
      out.writeVarint(result.paymentLines());
      writeBreakdown(out, result.breakdown());
      out.writeVarint(result.inconsistentLines());
      out.writeNullableText(result.shippedDate() == null ? null : result.shippedDate().toString());
      out.writeVarint(result.lines().size());
      for (Line line : result.lines()) {
        writeLine(out, line);
      }
    } else {
      throw new IllegalArgumentException(event.getClass().getSimpleName() + " has no binary form");
    }
    return out.toByteArray();
  }

  static Object decode(byte[] bytes) {
    Reader in = new Reader(bytes);
    byte type = in.readByte();
    Object event =
        switch (type) {
          case RAW_ROW_V1 ->
              new RawRow(
                  in.readLong(),
                  ReportKind.valueOf(in.readText()),
                  in.readText(),
                  in.readVarint(),
                  in.readText(),
                  in.readMap());
          case LINE_V1 -> readLine(in, 1);
          case LINE_V2 -> readLine(in, 2);
          case ORDER_RESULT_V1 -> readOrderResult(in, 1);
          case ORDER_RESULT_V2 -> readOrderResult(in, 2);
          default -> throw new IllegalArgumentException("unknown event type " + type);
        };
    if (!in.atEnd()) {
      throw new IllegalArgumentException("bytes left after the event");
    }
    return event;
  }

  private static OrderResult readOrderResult(Reader in, int version) {
    String orderId = in.readText();
    Category category = Category.valueOf(in.readText());
    ToleranceStatus toleranceStatus = ToleranceStatus.valueOf(in.readText());
    BigDecimal shipment = in.readDecimal();
    BigDecimal returned = in.readDecimal();
    BigDecimal net = in.readDecimal();
    BigDecimal payoutPercent = in.readDecimal();
    BigDecimal toleranceMinimum = in.readDecimal();
    int mtrLines = in.readVarint();
    int paymentLines = in.readVarint();
    PayoutBreakdown breakdown = version >= 2 ? readBreakdown(in) : null;
    int inconsistentLines = version >= 2 ? in.readVarint() : 0;
    String shippedDate = version >= 2 ? in.readNullableText() : null;
    int count = in.readVarint();
    List<Line> lines = new ArrayList<>(Math.min(count, 64));
    for (int i = 0; i < count; i++) {
      lines.add(readLine(in, version));
    }
    return new OrderResult(
        orderId,
        category,
        toleranceStatus,
        shipment,
        returned,
        net,
        payoutPercent,
        toleranceMinimum,
        mtrLines,
        paymentLines,
        breakdown,
        inconsistentLines,
        shippedDate == null ? null : LocalDate.parse(shippedDate),
        List.copyOf(lines));
  }

  private static void writeLine(Writer out, Line line) {
    out.writeText(line.lineId());
    out.writeText(line.kind().name());
    out.writeText(line.orderId());
    out.writeText(line.transactionType());
    out.writeNullableText(line.paymentType());
    out.writeDecimal(line.amount());
    out.writeNullableText(line.date());
    out.writeLong(line.uploadId());
    out.writeText(line.fileName());
    out.writeVarint(line.rowNumber());
    out.writeMap(line.details());
    writeBreakdown(out, line.breakdown());
  }

  private static void writeBreakdown(Writer out, PayoutBreakdown breakdown) {
    if (breakdown == null) {
      out.writeByte(0);
      return;
    }
    out.writeByte(breakdown.consistent() ? 1 : 2);
    for (BigDecimal component : breakdown.components()) {
      out.writeDecimal(component);
    }
  }

  private static PayoutBreakdown readBreakdown(Reader in) {
    byte presence = in.readByte();
    if (presence == 0) {
      return null;
    }
    List<BigDecimal> components = new ArrayList<>(PayoutBreakdown.COLUMNS.size());
    for (int i = 0; i < PayoutBreakdown.COLUMNS.size(); i++) {
      components.add(in.readDecimal());
    }
    return new PayoutBreakdown(components, presence == 1);
  }

  /** A line as written by {@code version}: 1 had no breakdown. */
  private static Line readLine(Reader in, int version) {
    return new Line(
        in.readText(),
        ReportKind.valueOf(in.readText()),
        in.readText(),
        in.readText(),
        in.readNullableText(),
        in.readDecimal(),
        in.readNullableText(),
        in.readLong(),
        in.readText(),
        in.readVarint(),
        in.readMap(),
        version >= 2 ? readBreakdown(in) : null);
  }

  private static final class Writer {

    private byte[] buffer = new byte[512];
    private int size;

    void writeByte(int value) {
      ensure(1);
      buffer[size++] = (byte) value;
    }

    void writeVarint(int value) {
      writeVarlong(Integer.toUnsignedLong(value));
    }

    /** Zig-zag, so that small negative numbers stay short too. */
    void writeLong(long value) {
      writeVarlong((value << 1) ^ (value >> 63));
    }

    private void writeVarlong(long value) {
      ensure(10);
      while ((value & ~0x7FL) != 0) {
        buffer[size++] = (byte) ((value & 0x7F) | 0x80);
        value >>>= 7;
      }
      buffer[size++] = (byte) value;
    }

    void writeText(String text) {
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      writeVarint(utf8.length);
      writeBytes(utf8);
    }

    void writeNullableText(String text) {
      if (text == null) {
        writeVarint(0);
        return;
      }
      byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
      writeVarint(utf8.length + 1);
      writeBytes(utf8);
    }

    /** Scale, then the unscaled value as a long when it fits in one, else as its bytes. */
    void writeDecimal(BigDecimal value) {
      if (value == null) {
        writeByte(0);
        return;
      }
      BigInteger unscaled = value.unscaledValue();
      if (unscaled.bitLength() < 64) {
        writeByte(1);
        writeLong(value.scale());
        writeLong(unscaled.longValue());
      } else {
        writeByte(2);
        writeLong(value.scale());
        byte[] twosComplement = unscaled.toByteArray();
        writeVarint(twosComplement.length);
        writeBytes(twosComplement);
      }
    }

    void writeMap(Map<String, String> map) {
      writeVarint(map.size());
      for (Map.Entry<String, String> entry : map.entrySet()) {
        writeText(entry.getKey());
        writeText(entry.getValue());
      }
    }

    private void writeBytes(byte[] bytes) {
      ensure(bytes.length);
      System.arraycopy(bytes, 0, buffer, size, bytes.length);
      size += bytes.length;
    }

    private void ensure(int more) {
      if (size + more > buffer.length) {
        buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
      }
    }

    byte[] toByteArray() {
      return Arrays.copyOf(buffer, size);
    }
  }

  private static final class Reader {

    private final byte[] bytes;
    private int position;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    boolean atEnd() {
      return position == bytes.length;
    }

    byte readByte() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException("the event ends early");
      }
      return bytes[position++];
    }

    int readVarint() {
      long value = readVarlong();
      if (value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("a count or length is too large: " + value);
      }
      return (int) value;
    }

    long readLong() {
      long zigZag = readVarlong();
      return (zigZag >>> 1) ^ -(zigZag & 1);
    }

    private long readVarlong() {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        byte next = readByte();
        value |= (long) (next & 0x7F) << shift;
        if (next >= 0) {
          return value;
        }
      }
      throw new IllegalArgumentException("a number is longer than 10 bytes");
    }

    String readText() {
      return text(readVarint());
    }

    String readNullableText() {
      int lengthPlusOne = readVarint();
      return lengthPlusOne == 0 ? null : text(lengthPlusOne - 1);
    }

    private String text(int length) {
      checkAvailable(length);
      String text = new String(bytes, position, length, StandardCharsets.UTF_8);
      position += length;
      return text;
    }

    BigDecimal readDecimal() {
      byte form = readByte();
      return switch (form) {
        case 0 -> null;
        case 1 -> {
          int scale = Math.toIntExact(readLong());
          yield BigDecimal.valueOf(readLong(), scale);
        }
        case 2 -> {
          int scale = Math.toIntExact(readLong());
          int length = readVarint();
          checkAvailable(length);
          BigInteger unscaled = new BigInteger(bytes, position, length);
          position += length;
          yield new BigDecimal(unscaled, scale);
        }
        default -> throw new IllegalArgumentException("unknown decimal form " + form);
      };
    }

    Map<String, String> readMap() {
      int count = readVarint();
      Map<String, String> map = new LinkedHashMap<>(Math.min(count, 256) * 2);
      for (int i = 0; i < count; i++) {
        map.put(readText(), readText());
      }
      return map;
    }

    private void checkAvailable(int length) {
      if (length > bytes.length - position) {
        throw new IllegalArgumentException("the event ends early");
      }
    }
  }
}
