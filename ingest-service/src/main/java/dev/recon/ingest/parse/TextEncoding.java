package dev.recon.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How a text report's bytes become characters (SPEC §1 encoding), chosen once per file: a byte
 * order mark decides (UTF-8, UTF-16 LE or BE); without one, UTF-8 if every byte of the file is
 * valid UTF-8, else Windows-1252.
 *
 * @param bomLength the bytes of the byte order mark, skipped before decoding
 */
record TextEncoding(Charset charset, int bomLength) {

  private static final int CHUNK_BYTES = 64 * 1024;

  /** A reader over the file's characters, byte order mark excluded. */
  Reader open(Path file) throws IOException {
    InputStream bytes = Files.newInputStream(file);
    try {
      bytes.skipNBytes(bomLength);
      return new InputStreamReader(bytes, charset);
    } catch (IOException e) {
      bytes.close();
      throw e;
    }
  }

  /**
   * @param head the first bytes of the file
   * @param fileName the name used in messages
   */
  static TextEncoding detect(Path file, byte[] head, String fileName)
      throws IOException, FileRejectedException {
    if (startsWith(head, 0x00, 0x00, 0xFE, 0xFF) || startsWith(head, 0xFF, 0xFE, 0x00, 0x00)) {
      throw new FileRejectedException(
          Rejections.UNSUPPORTED_ENCODING,
          fileName + ": the text is UTF-32, which is not accepted; save it as UTF-8 or UTF-16");
    }
    if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
      return new TextEncoding(StandardCharsets.UTF_8, 3);
    }
    if (startsWith(head, 0xFE, 0xFF)) {
      return new TextEncoding(StandardCharsets.UTF_16BE, 2);
    }
    if (startsWith(head, 0xFF, 0xFE)) {
      return new TextEncoding(StandardCharsets.UTF_16LE, 2);
    }
    refuseBinary(head, fileName);
    return isValidUtf8(file)
        ? new TextEncoding(StandardCharsets.UTF_8, 0)
        : new TextEncoding(Windows1252.INSTANCE, 0);
  }

  /** NUL never occurs in UTF-8 or Windows-1252 text, but in UTF-16 and in binary data it does. */
  private static void refuseBinary(byte[] head, String fileName) throws FileRejectedException {
    int nulAtEven = 0;
    int nulAtOdd = 0;
    for (int i = 0; i < head.length; i++) {
      if (head[i] == 0) {
        if (i % 2 == 0) {
          nulAtEven++;
        } else {
          nulAtOdd++;
        }
      }
    }
    if (nulAtEven + nulAtOdd == 0) {
      return;
    }
    int halfLength = head.length / 2;
    if (halfLength > 0 && Math.max(nulAtEven, nulAtOdd) * 10 >= halfLength * 9) {
      throw new FileRejectedException(
          Rejections.UNSUPPORTED_ENCODING,
          fileName
              + ": the text looks like UTF-16 without a byte order mark (BOM), which cannot be"
              + " told apart from binary data; save it as UTF-8, or as UTF-16 with a BOM");
    }
    throw Rejections.unsupportedFormat(fileName, "it holds binary data");
  }

  private static boolean isValidUtf8(Path file) throws IOException {
    CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer bytes = ByteBuffer.allocate(CHUNK_BYTES);
    CharBuffer chars = CharBuffer.allocate(CHUNK_BYTES);
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      boolean end = false;
      while (!end) {
        end = channel.read(bytes) < 0;
        bytes.flip();
        CoderResult result;
        do {
          chars.clear();
          result = decoder.decode(bytes, chars, end);
          if (result.isError()) {
            return false;
          }
        } while (result.isOverflow());
        bytes.compact();
      }
      chars.clear();
      return !decoder.flush(chars).isError();
    }
  }

  private static boolean startsWith(byte[] head, int... prefix) {
    if (head.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((head[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
