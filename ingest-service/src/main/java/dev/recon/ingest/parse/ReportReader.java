package dev.recon.ingest.parse;

import dev.recon.contracts.ReportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.jspecify.annotations.Nullable;

/**
 * Reads an uploaded Amazon report (SPEC §1) as a stream of rows: CSV, XLSX, XLS, or a ZIP holding
 * exactly one of them. The format is told by the content, never by the file's name. Everything SPEC
 * §1 refuses is a {@link FileRejectedException}, thrown by {@link #open} when the start of the file
 * shows it, or later by {@link ReportFile#next()}.
 */
public final class ReportReader {

  private final ParseLimits limits;

  /**
   * Note that POI's inflate limits, which guard XLSX parts while they are read, are global to the
   * JVM: the last reader created sets them.
   */
  public ReportReader(ParseLimits limits) {
    this.limits = limits;
    ZipSecureFile.setMinInflateRatio(1.0 / limits.maxInflateRatio());
    ZipSecureFile.setMaxEntrySize(limits.maxUncompressedBytes());
  }

  /**
   * Detects the format, encoding, delimiter, header row and, when {@code kind} is null, the kind.
   *
   * @param file the uploaded bytes
   * @param fileName the name the file was uploaded with; only its base name is used, in messages
   *     and to break a tie when the kind is detected
   * @param kind the kind named by the caller, or null to detect it from the header
   */
  public ReportFile open(Path file, String fileName, @Nullable ReportKind kind)
      throws FileRejectedException, IOException {
    Upload upload = Upload.of(ZipArchives.baseName(fileName), kind);
    FileHead head = FileHead.read(file);
    if (head.isZip()) {
      return openZip(file, upload);
    }
    return openUnzipped(file, head, upload);
  }

  private ReportFile openZip(Path file, Upload upload) throws FileRejectedException, IOException {
    String fileName = upload.fileName();
    try (ZipFile zip = ZipArchives.open(file, fileName)) {
      if (ZipArchives.isWorkbook(zip)) {
        ZipArchives.refuseDeclaredBombs(zip, fileName, limits);
      } else if (ZipArchives.isOtherOfficeDocument(zip)) {
        throw Rejections.unsupportedFormat(
            fileName, "it is an office document, but not an XLSX workbook");
      } else {
        return openExtracted(ZipArchives.extractOnlyFile(zip, fileName, limits), upload);
      }
    }
    return XlsxReports.open(file, upload, limits);
  }

  /** The report extracted from a ZIP wrapper; the extracted copy lives as long as the report. */
  private ReportFile openExtracted(ZipArchives.Extracted extracted, Upload zipUpload)
      throws FileRejectedException, IOException {
    boolean handedOver = false;
    try {
      ReportFile report = openZipped(extracted, zipUpload.entry(extracted.entryName()));
      handedOver = true;
      return new ZippedReportFile(report, extracted.file());
    } finally {
      if (!handedOver) {
        Files.deleteIfExists(extracted.file());
      }
    }
  }

  private ReportFile openZipped(ZipArchives.Extracted extracted, Upload upload)
      throws FileRejectedException, IOException {
    Path file = extracted.file();
    FileHead head = FileHead.read(file);
    if (!head.isZip()) {
      return openUnzipped(file, head, upload);
    }
    try (ZipFile zip = ZipArchives.open(file, upload.shownName())) {
      if (!ZipArchives.isWorkbook(zip)) {
        throw new FileRejectedException(
            Rejections.NESTED_ZIP,
            String.format(
                "%s: %s in the ZIP is itself a ZIP; upload the report inside it, or a ZIP that"
                    + " holds it directly (%s)",
                upload.fileName(), extracted.entryName(), Rejections.ACCEPTED_FORMATS));
      }
      ZipArchives.refuseDeclaredBombs(zip, upload.shownName(), limits);
    }
    return XlsxReports.open(file, upload, limits);
  }

  private ReportFile openUnzipped(Path file, FileHead head, Upload upload)
      throws FileRejectedException, IOException {
    if (head.isOle2()) {
      return XlsReports.open(file, upload, limits);
    }
    if (head.isKnownNonReport()) {
      throw Rejections.unsupportedFormat(upload.shownName());
    }
    return CsvReports.open(file, head.bytes(), upload, limits);
  }
}
