package dev.recon.ingest.parse;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.poi.EncryptedDocumentException;
import org.apache.poi.hssf.OldExcelFormatException;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.DirectoryNode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;

/** Opens the first sheet of an XLS workbook (Microsoft's compound file format). */
final class XlsReports {

  private XlsReports() {}

  static ReportFile open(Path file, Upload upload, ParseLimits limits)
      throws FileRejectedException, IOException {
    String fileName = upload.shownName();
    HSSFWorkbook workbook;
    try (POIFSFileSystem compoundFile = new POIFSFileSystem(file.toFile(), true)) {
      DirectoryNode root = compoundFile.getRoot();
      if (root.hasEntry("EncryptedPackage")) {
        throw encrypted(fileName);
      }
      if (!root.hasEntry("Workbook") && !root.hasEntry("WORKBOOK") && !root.hasEntry("Book")) {
        throw Rejections.unsupportedFormat(
            fileName, "it is a Microsoft Office file, but not an Excel workbook");
      }
      // The workbook is read into memory here, so the compound file can be closed after.
      workbook = new HSSFWorkbook(root, false);
    } catch (OldExcelFormatException e) {
      throw Rejections.unsupportedFormat(
          fileName, "it is an Excel 5.0/95 workbook or older; save it again as XLSX");
    } catch (EncryptedDocumentException e) {
      throw encrypted(fileName);
    } catch (IOException | RuntimeException e) {
      // POI signals corrupt records with assorted unchecked exceptions.
      throw Rejections.corruptWorkbook(fileName, "", e);
    }
    if (workbook.getNumberOfSheets() == 0) {
      workbook.close();
      throw new FileRejectedException(
          Rejections.CORRUPT_WORKBOOK,
          fileName + ": the workbook has no worksheet; the report must be on the first sheet");
    }
    return SourceReportFile.afterHeader(
        new XlsSheetSource(workbook, fileName, limits), upload, "xls");
  }

  private static FileRejectedException encrypted(String fileName) {
    return new FileRejectedException(
        Rejections.ENCRYPTED_WORKBOOK,
        fileName
            + ": the workbook is protected by a password; remove the password in Excel and"
            + " upload it again");
  }
}
