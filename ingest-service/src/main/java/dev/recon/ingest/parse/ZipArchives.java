package dev.recon.ingest.parse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * ZIP files: an XLSX workbook is one, and Amazon ships the MTR zipped (SPEC §1). Guards against ZIP
 * bombs twice: the sizes the archive declares are checked before anything is inflated, and the
 * bytes actually inflated are counted while copying, in case the declared sizes lie.
 */
final class ZipArchives {

  /** Below this many bytes an entry may expand by any ratio: small files compress oddly well. */
  private static final long RATIO_FREE_BYTES = 1024 * 1024;

  private static final int COPY_BUFFER_BYTES = 64 * 1024;

  private ZipArchives() {}

  /** A zipped report, extracted to a temporary file that the caller deletes. */
  record Extracted(Path file, String entryName) {}

  static ZipFile open(Path file, String fileName) throws FileRejectedException {
    try {
      return ZipFile.builder().setPath(file).get();
    } catch (IOException e) {
      if (looksLikeWorkbook(file)) {
        throw Rejections.corruptWorkbook(fileName, "", e);
      }
      throw new FileRejectedException(
          Rejections.CORRUPT_ZIP,
          fileName
              + ": the ZIP is corrupt or truncated and cannot be read ("
              + Rejections.describe(e)
              + "); "
              + Rejections.ACCEPTED_FORMATS,
          e);
    }
  }

  static boolean isWorkbook(ZipFile zip) {
    return zip.getEntry("xl/workbook.xml") != null;
  }

  /**
   * An office document that is no XLSX workbook: another Office Open XML package (a Word file, a
   * binary XLSB workbook) or an OpenDocument file.
   */
  static boolean isOtherOfficeDocument(ZipFile zip) {
    return zip.getEntry("[Content_Types].xml") != null || zip.getEntry("mimetype") != null;
  }

  /**
   * Refuses a workbook if any part declares a size or inflate ratio beyond the limits; POI checks
   * the bytes actually inflated while the parts are read.
   */
  static void refuseDeclaredBombs(ZipFile workbook, String fileName, ParseLimits limits)
      throws FileRejectedException {
    for (ZipArchiveEntry part : Collections.list(workbook.getEntries())) {
      refuseIfBomb(
          part.getSize(),
          part.getCompressedSize(),
          "the part " + part.getName() + " of the workbook",
          fileName,
          limits);
    }
  }

  /**
   * Extracts the one file of a ZIP wrapper. Folders and macOS resource forks ({@code __MACOSX/}) do
   * not count as files; the entry's path is never used to name anything on disk.
   */
  static Extracted extractOnlyFile(ZipFile zip, String fileName, ParseLimits limits)
      throws FileRejectedException, IOException {
    List<ZipArchiveEntry> files = new ArrayList<>();
    for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
      if (!entry.isDirectory() && !entry.getName().startsWith("__MACOSX/")) {
        files.add(entry);
      }
    }
    if (files.size() != 1) {
      throw new FileRejectedException(
          Rejections.ZIP_NOT_ONE_FILE,
          String.format(
              "%s: the ZIP holds %d files, not exactly one; %s",
              fileName, files.size(), Rejections.ACCEPTED_FORMATS));
    }
    ZipArchiveEntry entry = files.get(0);
    String entryName = baseName(entry.getName());
    if (entry.getGeneralPurposeBit().usesEncryption()) {
      throw new FileRejectedException(
          Rejections.ENCRYPTED_ZIP,
          String.format(
              "%s: %s in the ZIP is protected by a password; upload the ZIP without a password,"
                  + " or the report itself",
              fileName, entryName));
    }
    if (!zip.canReadEntryData(entry)) {
      throw new FileRejectedException(
          Rejections.CORRUPT_ZIP,
          String.format(
              "%s: %s in the ZIP is compressed with a method that cannot be read (%s); zip it"
                  + " again with the standard method (Deflate), or upload the report itself",
              fileName, entryName, entry.getMethod()));
    }
    refuseIfBomb(
        entry.getSize(), entry.getCompressedSize(), entryName + " in the ZIP", fileName, limits);
    Path extracted = Files.createTempFile("recon-report-", ".unzipped");
    try {
      copyWithinLimits(zip, entry, extracted, fileName, limits);
      return new Extracted(extracted, entryName);
    } catch (IOException | FileRejectedException | RuntimeException e) {
      Files.deleteIfExists(extracted);
      throw e;
    }
  }

  private static void copyWithinLimits(
      ZipFile zip, ZipArchiveEntry entry, Path target, String fileName, ParseLimits limits)
      throws FileRejectedException, IOException {
    byte[] buffer = new byte[COPY_BUFFER_BYTES];
    long inflated = 0;
    try (InputStream in = zip.getInputStream(entry);
        OutputStream out = Files.newOutputStream(target)) {
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        inflated += read;
        refuseIfBomb(
            inflated,
            entry.getCompressedSize(),
            baseName(entry.getName()) + " in the ZIP",
            fileName,
            limits);
        out.write(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new FileRejectedException(
          Rejections.CORRUPT_ZIP,
          String.format(
              "%s: %s in the ZIP is corrupt or truncated and cannot be extracted (%s)",
              fileName, baseName(entry.getName()), Rejections.describe(e)),
          e);
    }
  }

  private static void refuseIfBomb(
      long inflated, long compressed, String entry, String fileName, ParseLimits limits)
      throws FileRejectedException {
    String problem = null;
    if (inflated > limits.maxUncompressedBytes()) {
      problem = String.format("expands beyond %d bytes", limits.maxUncompressedBytes());
    } else if (inflated > RATIO_FREE_BYTES
        && inflated > Math.max(compressed, 0) * limits.maxInflateRatio()) {
      problem =
          String.format("expands more than %d times its compressed size", limits.maxInflateRatio());
    }
    if (problem != null) {
      throw new FileRejectedException(
          Rejections.ZIP_BOMB,
          String.format(
              "%s: %s %s, so it is refused as a likely ZIP bomb", fileName, entry, problem));
    }
  }

  /**
   * Whether a ZIP that cannot be opened was meant to be a workbook, judged by the entries that
   * precede the damage.
   */
  private static boolean looksLikeWorkbook(Path file) {
    try (ZipArchiveInputStream entries = new ZipArchiveInputStream(Files.newInputStream(file))) {
      for (ZipArchiveEntry entry = entries.getNextEntry();
          entry != null;
          entry = entries.getNextEntry()) {
        if (entry.getName().equals("[Content_Types].xml") || entry.getName().startsWith("xl/")) {
          return true;
        }
      }
    } catch (IOException | RuntimeException damaged) {
      // Reading stops at the damage; what was read before it decides.
    }
    return false;
  }

  static String baseName(String path) {
    int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
    return path.substring(slash + 1);
  }
}
