package dev.recon.contracts.line;

import dev.recon.contracts.ReportKind;
import java.math.BigDecimal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A line's identity (SPEC §4 and decision 5): the hash of its kind and normalised recognised
 * values, plus its occurrence among equal lines of the same file. Equal content in a CSV, its XLSX
 * twin or an overlapping report gives equal identities, so a line is counted once.
 */
public final class LineIdentity {

  /** Versions the encoding: changing any rule of the hash must change this tag. */
  private static final String DOMAIN = "recon-line-identity-v1";

  private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
  private static final ThreadLocal<Encoder> ENCODER = ThreadLocal.withInitial(Encoder::new);

  private LineIdentity() {}

  /**
   * Hashes one row.
   *
   * @param values the row's recognised columns by normalised name, as text; a missing key, null or
   *     blank text all mean an empty cell, and keys that are not recognised columns of the kind are
   *     ignored
   */
  public static ContentHash contentHash(ReportKind kind, Map<String, String> values) {
    Encoder encoder = ENCODER.get();
    encoder.reset();
    encoder.put(DOMAIN);
    encoder.put(kind.id());
    for (String column : kind.recognisedColumns()) {
      encoder.put(normalisedValue(kind, column, values.get(column)));
    }
    return encoder.digest();
  }

  /**
   * The text a column's value contributes to the hash: the type as its key, amounts and numeric
   * columns by value when readable, dates in canonical form when readable, anything else stripped;
   * empty for an absent value.
   */
  static String normalisedValue(ReportKind kind, String column, String value) {
    if (value == null) {
      return "";
    }
    String text = value.strip();
    if (text.isEmpty()) {
      return "";
    }
    if (column.equals(kind.typeColumn())) {
      return typeKey(text);
    }
    if (kind.isNumericColumn(column)) {
      Optional<BigDecimal> amount = Amounts.parse(text);
      return amount.isPresent() ? plain(amount.get()) : text;
    }
    if (kind.isDateColumn(column)) {
      return Dates.normalise(text);
    }
    return text;
  }

  /**
   * A type name as rules compare it (SPEC §3): lower case with every white space removed, so {@code
   * Free Replacement} and {@code freereplacement} are one type.
   */
  public static String typeKey(String type) {
    String lower = type.toLowerCase(Locale.ROOT);
    int i = 0;
    while (i < lower.length() && !Character.isWhitespace(lower.charAt(i))) {
      i++;
    }
    if (i == lower.length()) {
      return lower;
    }
    StringBuilder key = new StringBuilder(lower.length());
    key.append(lower, 0, i);
    for (; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (!Character.isWhitespace(c)) {
        key.append(c);
      }
    }
    return key.toString();
  }

  /**
   * The identity of a line: 22 characters of URL-safe base64 for the 128 bits, a dash and the
   * occurrence number, e.g. {@code q83vEjRWeJCrze8SNFZ4kA-0}.
   */
  public static String lineId(ContentHash hash, int occurrence) {
    if (occurrence < 0) {
      throw new IllegalArgumentException("occurrence must be 0 or more, not " + occurrence);
    }
    byte[] bytes = new byte[16];
    putLong(bytes, 0, hash.high());
    putLong(bytes, 8, hash.low());
    return BASE64.encodeToString(bytes) + "-" + occurrence;
  }

  /** The value of an amount without its written scale: {@code 1,050.00} and {@code 1050} agree. */
  private static String plain(BigDecimal amount) {
    return amount.signum() == 0 ? "0" : amount.stripTrailingZeros().toPlainString();
  }

  private static void putLong(byte[] bytes, int offset, long value) {
    for (int i = 0; i < 8; i++) {
      bytes[offset + i] = (byte) (value >>> (56 - 8 * i));
    }
  }

  /**
   * Feeds each value to the digest as its length and its UTF-16 code units, so no two sequences of
   * values share an encoding; one per thread, reusing its buffer from row to row.
   */
  private static final class Encoder {
    private static final int INITIAL_BUFFER = 512;
    private static final int RETAINED_BUFFER = 64 * 1024;

    private final MessageDigest digest;
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int length;

    Encoder() {
      try {
        digest = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException("every Java runtime has SHA-256", e);
      }
    }

    void reset() {
      length = 0;
    }

    void put(String value) {
      ensure(4 + 2 * value.length());
      putInt(value.length());
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        buffer[length++] = (byte) (c >>> 8);
        buffer[length++] = (byte) c;
      }
    }

    ContentHash digest() {
      digest.update(buffer, 0, length);
      byte[] hash = digest.digest();
      if (buffer.length > RETAINED_BUFFER) {
        // one huge cell must not pin its size to the thread for good
        buffer = new byte[INITIAL_BUFFER];
      }
      return new ContentHash(readLong(hash, 0), readLong(hash, 8));
    }

    private void putInt(int value) {
      buffer[length++] = (byte) (value >>> 24);
      buffer[length++] = (byte) (value >>> 16);
      buffer[length++] = (byte) (value >>> 8);
      buffer[length++] = (byte) value;
    }

    private void ensure(int more) {
      if (length + more > buffer.length) {
        byte[] larger = new byte[Math.max(buffer.length * 2, length + more)];
        System.arraycopy(buffer, 0, larger, 0, length);
        buffer = larger;
      }
    }

    private static long readLong(byte[] bytes, int offset) {
      long value = 0;
      for (int i = 0; i < 8; i++) {
        value = (value << 8) | (bytes[offset + i] & 0xFF);
      }
      return value;
    }
  }
}
