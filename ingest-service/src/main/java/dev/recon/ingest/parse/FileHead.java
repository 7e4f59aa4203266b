package dev.recon.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The first bytes of a file, which tell its format regardless of its name. */
final class FileHead {

  private static final int HEAD_BYTES = 8 * 1024;

  private final byte[] bytes;

  private FileHead(byte[] bytes) {
    this.bytes = bytes;
  }

  static FileHead read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return new FileHead(in.readNBytes(HEAD_BYTES));
    }
  }

  byte[] bytes() {
    return bytes.clone();
  }

  /** A local file header, or the end record that is all an empty ZIP holds. */
  boolean isZip() {
    return startsWith(0x50, 0x4B, 0x03, 0x04) || startsWith(0x50, 0x4B, 0x05, 0x06);
  }

  /** Microsoft's compound file: an XLS, or an encrypted XLSX, or another Office document. */
  boolean isOle2() {
    return startsWith(0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1);
  }

  /** Formats people upload by mistake that may hold no NUL byte early on. */
  boolean isKnownNonReport() {
    return startsWith('%', 'P', 'D', 'F')
        || startsWith(0x1F, 0x8B) // gzip
        || startsWith('7', 'z', 0xBC, 0xAF, 0x27, 0x1C)
        || startsWith('R', 'a', 'r', '!', 0x1A, 0x07);
  }

  private boolean startsWith(int... prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if ((bytes[i] & 0xFF) != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
