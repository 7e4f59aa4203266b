package dev.recon.ingest.parse;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The shared string table of an XLSX workbook, where Excel puts the text of every text cell: each
 * string once, cells refer to it by index. Its size grows with the sheet (order ids, invoice
 * numbers: several entries per row), so it is kept compact, as UTF-8 bytes with an offset per
 * string, and beyond {@link #IN_MEMORY_BYTES} it is spooled to a temporary file and mapped into
 * memory: the JVM heap it takes then does not grow with the workbook. POI's own tables hand out
 * each string wrapped in a fresh XMLBeans object and keep all of them on the heap.
 *
 * <p>Strings are stored stripped (SPEC §1: cells are trimmed); whether the text as written was
 * longer than the cell limit is kept beside it. Read by one thread at a time.
 */
final class XlsxSharedStrings implements Closeable {

  /** Text bytes kept on the heap; a bigger table goes to a temporary file. */
  static final int IN_MEMORY_BYTES = 8 * 1024 * 1024;

  /** The size of one mapping of a spooled file: a file may exceed what one buffer can address. */
  private static final int MAPPED_CHUNK_BITS = 30;

  private static final long TOO_LONG = Long.MIN_VALUE;
  private static final long OFFSET_MASK = Long.MAX_VALUE;

  private final int size;
  // On the heap:
  private final byte @Nullable [] bytes;
  private final long @Nullable [] offsets;
  // Or mapped from spooled files:
  private final MappedByteBuffer @Nullable [] mappedBytes;
  private final MappedByteBuffer @Nullable [] mappedOffsets;
  private final List<Path> files;
  private byte[] scratch = new byte[256];

  private XlsxSharedStrings(int size, byte[] bytes, long[] offsets) {
    this.size = size;
    this.bytes = bytes;
    this.offsets = offsets;
    this.mappedBytes = null;
    this.mappedOffsets = null;
    this.files = List.of();
  }

  private XlsxSharedStrings(
      int size,
      MappedByteBuffer[] mappedBytes,
      MappedByteBuffer[] mappedOffsets,
      List<Path> files) {
    this.size = size;
    this.bytes = null;
    this.offsets = null;
    this.mappedBytes = mappedBytes;
    this.mappedOffsets = mappedOffsets;
    this.files = List.copyOf(files);
  }

  /** No strings: a workbook of numbers and inline strings only has no table. */
  static XlsxSharedStrings empty() {
    return new XlsxSharedStrings(0, new byte[0], new long[] {0});
  }

  /**
   * Reads the table part.
   *
   * @param maxCellChars a string longer than this, as written, is marked {@link #isTooLong}
   */
  static XlsxSharedStrings read(@Nullable InputStream sharedStringsXml, int maxCellChars)
      throws IOException, SAXException {
    return read(sharedStringsXml, maxCellChars, IN_MEMORY_BYTES);
  }

  /** As {@link #read(InputStream, int)}, spooling beyond {@code inMemoryBytes}. */
  static XlsxSharedStrings read(
      @Nullable InputStream sharedStringsXml, int maxCellChars, int inMemoryBytes)
      throws IOException, SAXException {
    if (sharedStringsXml == null) {
      return empty();
    }
    try (Builder builder = new Builder(maxCellChars, inMemoryBytes)) {
      SecureXml.parse(sharedStringsXml, new TableHandler(builder));
      return builder.build();
    }
  }

  int size() {
    return size;
  }

  /** Whether the table was spooled to temporary files, which {@link #close} deletes. */
  List<Path> spooledFiles() {
    return files;
  }

  /** Whether the string is empty once stripped; its index must be valid. */
  boolean isBlank(int index) {
    return start(index) == start(index + 1);
  }

  /** Whether the string, as written, holds more characters than a cell may. */
  boolean isTooLong(int index) {
    return (offset(index) & TOO_LONG) != 0;
  }

  /** The stripped string; its index must be valid. */
  String text(int index) {
    long start = start(index);
    int length = (int) (start(index + 1) - start);
    if (bytes != null) {
      return new String(bytes, (int) start, length, StandardCharsets.UTF_8);
    }
    if (scratch.length < length) {
      scratch = new byte[Math.max(length, scratch.length * 2)];
    }
    read(mappedBytes, start, scratch, length);
    return new String(scratch, 0, length, StandardCharsets.UTF_8);
  }

  private long start(int index) {
    return offset(index) & OFFSET_MASK;
  }

  private long offset(int index) {
    if (offsets != null) {
      return offsets[index];
    }
    long position = (long) index * Long.BYTES;
    return mappedOffsets[(int) (position >>> MAPPED_CHUNK_BITS)].getLong(
        (int) (position & ((1 << MAPPED_CHUNK_BITS) - 1)));
  }

  private static void read(MappedByteBuffer[] chunks, long position, byte[] into, int length) {
    int done = 0;
    while (done < length) {
      long at = position + done;
      MappedByteBuffer chunk = chunks[(int) (at >>> MAPPED_CHUNK_BITS)];
      int within = (int) (at & ((1 << MAPPED_CHUNK_BITS) - 1));
      int count = Math.min(length - done, chunk.capacity() - within);
      chunk.get(within, into, done, count);
      done += count;
    }
  }

  /** Deletes the spooled files, if any; the table must not be read afterwards. */
  @Override
  public void close() throws IOException {
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
  }

  /** Collects the strings, on the heap until they outgrow it, then in two temporary files. */
  private static final class Builder implements Closeable {
    private final int maxCellChars;
    private final int inMemoryBytes;
    private byte[] bytes = new byte[4096];
    private long[] offsets = new long[256];
    private int size;
    private long written;
    private @Nullable Path bytesFile;
    private @Nullable Path offsetsFile;
    private @Nullable OutputStream bytesOut;
    private @Nullable DataOutputStream offsetsOut;
    private boolean built;

    Builder(int maxCellChars, int inMemoryBytes) {
      this.maxCellChars = maxCellChars;
      this.inMemoryBytes = inMemoryBytes;
    }

    void add(CharSequence asWritten) throws IOException {
      int from = 0;
      int to = asWritten.length();
      while (from < to && Character.isWhitespace(asWritten.charAt(from))) {
        from++;
      }
      while (to > from && Character.isWhitespace(asWritten.charAt(to - 1))) {
        to--;
      }
      byte[] utf8 = asWritten.subSequence(from, to).toString().getBytes(StandardCharsets.UTF_8);
      long offset = written | (asWritten.length() > maxCellChars ? TOO_LONG : 0);
      if (bytesOut == null
          && (written + utf8.length > inMemoryBytes || (size + 1L) * Long.BYTES > inMemoryBytes)) {
        spool();
      }
      if (bytesOut == null) {
        if (size + 1 >= offsets.length) {
          offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        offsets[size] = offset;
        if (written + utf8.length > bytes.length) {
          bytes = Arrays.copyOf(bytes, (int) Math.max(written + utf8.length, bytes.length * 2L));
        }
        System.arraycopy(utf8, 0, bytes, (int) written, utf8.length);
      } else {
        offsetsOut.writeLong(offset);
        bytesOut.write(utf8);
      }
      written += utf8.length;
      size++;
    }

    private void spool() throws IOException {
      bytesFile = Files.createTempFile("recon-xlsx-strings-", ".bin");
      offsetsFile = Files.createTempFile("recon-xlsx-offsets-", ".bin");
      bytesOut = new BufferedOutputStream(Files.newOutputStream(bytesFile), 64 * 1024);
      offsetsOut =
          new DataOutputStream(
              new BufferedOutputStream(Files.newOutputStream(offsetsFile), 64 * 1024));
      bytesOut.write(bytes, 0, (int) written);
      for (int i = 0; i < size; i++) {
        offsetsOut.writeLong(offsets[i]);
      }
      bytes = new byte[0];
      offsets = new long[0];
    }

    XlsxSharedStrings build() throws IOException {
      if (bytesOut == null) {
        offsets[size] = written;
        built = true;
        return new XlsxSharedStrings(size, bytes, offsets);
      }
      offsetsOut.writeLong(written);
      bytesOut.close();
      offsetsOut.close();
      MappedByteBuffer[] mappedBytes = map(bytesFile);
      MappedByteBuffer[] mappedOffsets = map(offsetsFile);
      built = true;
      return new XlsxSharedStrings(
          size, mappedBytes, mappedOffsets, List.of(bytesFile, offsetsFile));
    }

    private static MappedByteBuffer[] map(Path file) throws IOException {
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
        long length = channel.size();
        List<MappedByteBuffer> chunks = new ArrayList<>();
        for (long at = 0; at < length || chunks.isEmpty(); at += 1L << MAPPED_CHUNK_BITS) {
          long count = Math.min(1L << MAPPED_CHUNK_BITS, length - at);
          chunks.add(channel.map(FileChannel.MapMode.READ_ONLY, at, count));
        }
        return chunks.toArray(MappedByteBuffer[]::new);
      }
    }

    /** Removes the spooled files unless a table was built on them. */
    @Override
    public void close() throws IOException {
      if (built) {
        return;
      }
      if (bytesFile == null) {
        return;
      }
      try {
        bytesOut.close();
        offsetsOut.close();
      } finally {
        Files.deleteIfExists(bytesFile);
        Files.deleteIfExists(offsetsFile);
      }
    }
  }

  /**
   * {@code <si>} items in order: the text of their {@code <t>} runs, directly or inside {@code
   * <r>}, without phonetic guides ({@code <rPh>}).
   */
  private static final class TableHandler extends DefaultHandler {
    private final Builder builder;
    private final StringBuilder text = new StringBuilder();
    private boolean inItem;
    private boolean inText;
    private int phoneticDepth;

    TableHandler(Builder builder) {
      this.builder = builder;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) {
      switch (localName) {
        case "si" -> {
          inItem = true;
          text.setLength(0);
        }
        case "t" -> inText = inItem && phoneticDepth == 0;
        case "rPh" -> phoneticDepth++;
        default -> {}
      }
    }

    @Override
    public void endElement(String uri, String localName, String qName) throws SAXException {
      switch (localName) {
        case "si" -> {
          inItem = false;
          try {
            builder.add(text);
          } catch (IOException e) {
            throw new SAXException(e);
          }
        }
        case "t" -> inText = false;
        case "rPh" -> phoneticDepth--;
        default -> {}
      }
    }

    @Override
    public void characters(char[] chars, int start, int length) {
      if (inText) {
        text.append(chars, start, length);
      }
    }
  }
}
