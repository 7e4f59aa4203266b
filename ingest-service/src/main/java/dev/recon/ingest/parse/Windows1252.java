package dev.recon.ingest.parse;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CoderResult;

/**
 * Windows-1252 as browsers decode it: the five bytes the code page leaves undefined (0x81, 0x8D,
 * 0x8F, 0x90, 0x9D) become the C1 control characters of the same number instead of an error or
 * U+FFFD (datasets README, 12), so every byte decodes and none is lost. Decode only.
 */
final class Windows1252 extends Charset {

  static final Windows1252 INSTANCE = new Windows1252();

  /** Characters of bytes 0x80-0x9F; every other byte is the code point of the same number. */
  private static final String HIGH_CONTROLS =
      "\u20AC\u0081\u201A\u0192\u201E\u2026\u2020\u2021\u02C6\u2030\u0160\u2039\u0152\u008D\u017D\u008F"
          + "\u0090\u2018\u2019\u201C\u201D\u2022\u2013\u2014\u02DC\u2122\u0161\u203A\u0153\u009D\u017E\u0178";

  private static final char[] TABLE = new char[256];

  static {
    for (int b = 0; b < 256; b++) {
      TABLE[b] = b >= 0x80 && b < 0xA0 ? HIGH_CONTROLS.charAt(b - 0x80) : (char) b;
    }
  }

  private Windows1252() {
    super("x-windows-1252-browser", new String[0]);
  }

  @Override
  public boolean contains(Charset other) {
    return other instanceof Windows1252;
  }

  @Override
  public boolean canEncode() {
    return false;
  }

  @Override
  public CharsetEncoder newEncoder() {
    throw new UnsupportedOperationException(
        "reports are only read, never written, as Windows-1252");
  }

  @Override
  public CharsetDecoder newDecoder() {
    return new CharsetDecoder(this, 1f, 1f) {
      @Override
      protected CoderResult decodeLoop(ByteBuffer in, CharBuffer out) {
        while (in.hasRemaining()) {
          if (!out.hasRemaining()) {
            return CoderResult.OVERFLOW;
          }
          out.put(TABLE[in.get() & 0xFF]);
        }
        return CoderResult.UNDERFLOW;
      }
    };
  }
}
